import { z } from 'zod';
import { scopeInfo } from '../../shared/scopes.ts';
import type { Sentence } from '../../shared/sentence.ts';
import type { Services } from '../services.ts';
import { isProOnly } from '../studio/tier.ts';

/** Who is calling: resolved from the bearer token on every request. */
export interface Caller {
  clientId: string;
  clientName: string;
  grantId: string;
  /** Scopes on the token, as granted (not expanded by tier). */
  scopes: readonly string[];
  /**
   * Whether the client can ask the owner for more (an OAuth client: a 403 insufficient_scope challenge starts its
   * step-up). A setup-snippet token cannot: it is told in a tool error how the owner widens its bundle.
   */
  canStepUp: boolean;
}

export interface ToolContext {
  caller: Caller;
  services: Services;
}

/** MCP tool annotations (spec 2025-06-18 "Tool annotations"): hints that must match the tool's scopes. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: false;
}

/**
 * How the owner counts what a tool did, on the Connected apps cards (tool-words.ts): a verb and the thing it acts on
 * ("cancelled 2 bookings"), or a phrase counted in times ("looked at your classes 5 times"). Tools with the same
 * words add up (list_classes and get_class are both "looked at your classes").
 */
export type ToolTally = { readonly did: string; readonly one: string; readonly many: string } | { readonly did: string; readonly one?: undefined };

/**
 * One call in the owner's words, with the real names of the records it touches and the size of the change, read from
 * the services when the call is made (before it runs: a deleted client's name is gone after).
 */
export interface Deed {
  /** What it will do, for the owner deciding on a held call: "Delete client **Anna Nilsson** — 14 bookings and notes". */
  readonly ask: Sentence;
  /** What it did, for the log: "deleted client Anna Nilsson". Names are fine; never a secret or a note's or message's text. */
  readonly did: string;
}

/** One row of the tool → scope table: the declarative source of truth for what a grant allows. */
export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title: string;
  /** What it does, and which scope it needs (agents read this). */
  readonly description: string;
  /** Any one of these scopes allows the call (Loopwise seed: get_settings is school:read or appearance:read). */
  readonly scopes: readonly [string, ...string[]];
  readonly annotations: ToolAnnotations;
  readonly input: Input;
  /** Names of input fields whose values are secrets or personal data to keep out of the audit log. */
  readonly sensitive?: readonly string[];
  /** What the owner reads when counting this tool's calls: "cancelled 2 bookings". */
  readonly counted: ToolTally;
  /**
   * The call in words (tool-words.ts): every tool that changes something has one; a read may (without, it is its
   * `counted` words). Reads by id only, cheaply: it runs on every call. Undefined when a record it names is missing.
   */
  describe?(args: z.infer<Input>, services: Services): Deed | undefined;
  handler(args: z.infer<Input>, ctx: ToolContext): unknown;
}

/** A tool as its file declares it: what its scopes already say (annotations, the closing "Needs …") is not repeated. */
export interface ToolSpec<Input extends z.ZodObject> extends Omit<ToolDefinition<Input>, 'annotations'> {
  /** What it does, for agents; defineTool ends it with "Pro feature." (when every scope is Pro+) and "Needs <scopes>.". */
  readonly description: string;
  /** A write that leaves the same state however often it runs (set, replace, confirm): idempotentHint. */
  readonly idempotent?: true;
}

const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const WRITE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
const IDEMPOTENT_WRITE: ToolAnnotations = { ...WRITE, idempotentHint: true };
const DELETE: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };

/** The hints a tool's scopes give: read-only when every scope is a read, destructive when any is a delete. */
function annotations(name: string, scopes: readonly string[], idempotent: boolean): ToolAnnotations {
  const tiers = scopes.map((scope) => scopeInfo(scope)?.tier ?? 'read');
  const tier = tiers.some((t) => t === 'delete') ? 'delete' : tiers.some((t) => t === 'write') ? 'write' : 'read';
  if (idempotent && tier !== 'write') throw new Error(`The tool ${name} is marked idempotent, which only a write can be.`);
  return { read: READ, delete: DELETE, write: idempotent ? IDEMPOTENT_WRITE : WRITE }[tier];
}

export function defineTool<Input extends z.ZodObject>({ idempotent, ...tool }: ToolSpec<Input>): ToolDefinition {
  const needs = `${isProOnly(tool.scopes) ? 'Pro feature. ' : ''}Needs ${tool.scopes.join(' or ')}.`;
  const definition: ToolDefinition<Input> = {
    ...tool,
    description: `${tool.description} ${needs}`,
    annotations: annotations(tool.name, tool.scopes, idempotent === true),
  };
  return definition as unknown as ToolDefinition;
}
