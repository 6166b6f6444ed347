import { z } from 'zod';
import type { Services } from '../services.ts';

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
  handler(args: z.infer<Input>, ctx: ToolContext): unknown;
}

export function defineTool<Input extends z.ZodObject>(tool: ToolDefinition<Input>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

export const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
export const WRITE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
export const IDEMPOTENT_WRITE: ToolAnnotations = { ...WRITE, idempotentHint: true };
export const DELETE: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };
