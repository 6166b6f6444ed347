import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { AuditStatus } from '../../shared/audit-row.ts';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { z } from 'zod';
import type { ApprovalOutcome, Approvals } from '../approvals/approvals.ts';
import { DomainError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log.ts';
import type { Services } from '../services.ts';
import { isProOnly } from '../studio/tier.ts';
import type { McpRecord } from './request-record.ts';
import { scopeCheckOf, scopeRefusal } from './scope-guard.ts';
import type { StillAllowed } from './still-allowed.ts';
import { describeCall, summaryOf } from './tool-words.ts';
import { toSnakeCase } from './tools/common.ts';
import type { Caller, ToolDefinition } from './tool.ts';

export const SERVER_INFO = { name: 'studio-gateway', title: 'Studio Gateway', version: '0.1.0' } as const;

const INSTRUCTIONS =
  "Tools for a movement studio's owner: profile, classes, bookings, clients and more. Each tool needs a scope the " +
  'owner granted; tools/list shows only the tools this connection may call.';

/**
 * The JSON Schema validator every per-request server shares: the SDK makes a new Ajv instance per server
 * otherwise, which cost more than the tool call (docs/BENCHMARKS.md).
 */
const SCHEMA_VALIDATOR = new AjvJsonSchemaValidator();

/** A tool as tools/list describes it; computed once per tool. */
function describe(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: z.toJSONSchema(tool.input, { io: 'input' }) as Tool['inputSchema'],
    annotations: { title: tool.title, ...tool.annotations },
  };
}

function textResult(value: unknown, isError = false): CallToolResult {
  const structured = value !== null && typeof value === 'object' && !Array.isArray(value);
  return {
    content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }],
    ...(structured && !isError ? { structuredContent: value as Record<string, unknown> } : {}),
    ...(isError ? { isError: true } : {}),
  };
}

/** Names each bad argument and why, for the agent to correct its call. */
function describeInvalidInput(error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'arguments';
    return issue.code === 'unrecognized_keys' ? `unknown argument(s): ${issue.keys.join(', ')}` : `${where}: ${issue.message}`;
  });
  return `Invalid arguments. ${problems.join('; ')}. Nothing was changed.`;
}

/** What the agent is told, and what the audit log records, when a held call does not run. */
const NOT_RUN: Record<Exclude<ApprovalOutcome, 'approved'>, { reason: string; text: (tool: string) => string }> = {
  denied: { reason: 'denied_by_owner', text: (tool) => `The owner denied this ${tool} call in Studio Gateway. Nothing was changed.` },
  denied_and_paused: {
    reason: 'denied_by_owner',
    text: (tool) =>
      `The owner denied this ${tool} call in Studio Gateway and paused this app: its requests are refused until the owner resumes it. Nothing was changed.`,
  },
  timeout: {
    reason: 'approval_timeout',
    text: (tool) => `Nobody approved this ${tool} call in Studio Gateway in time, so it was not run. Nothing was changed. Ask the owner to approve it in the panel, then call again.`,
  },
  revoked: {
    reason: 'access_revoked_while_waiting',
    text: (tool) => `The owner revoked this app's access in Studio Gateway while this ${tool} call waited for approval, so it was not run. Nothing was changed.`,
  },
  paused: {
    reason: 'paused_while_waiting',
    text: (tool) => `The owner paused all agents in Studio Gateway while this ${tool} call waited for approval, so it was not run. Nothing was changed.`,
  },
  app_paused: {
    reason: 'paused_while_waiting',
    text: (tool) => `The owner paused this app in Studio Gateway while this ${tool} call waited for approval, so it was not run. Nothing was changed.`,
  },
  too_many_waiting: {
    reason: 'too_many_calls_waiting',
    text: (tool) =>
      `Too many calls from this app are already waiting for the owner's approval in Studio Gateway (at most ${LIMITS.heldCallsPerClient}), so this ${tool} call was not run. Nothing was changed. Wait for the owner to answer those, then call again.`,
  },
  abandoned: { reason: 'agent_went_away', text: (tool) => `The agent went away while this ${tool} call waited for approval, so it was not run. Nothing was changed.` },
  stopping: { reason: 'gateway_stopping', text: (tool) => `Studio Gateway stopped while this ${tool} call waited for approval, so it was not run. Nothing was changed.` },
};

export interface McpToolbox {
  readonly tools: readonly ToolDefinition[];
  find(name: string): ToolDefinition | undefined;
  /**
   * A fresh MCP server for one caller (one request, in stateless Streamable HTTP); its tool calls go on the
   * request's record. `abandoned` aborts when the request's connection closes before its answer: a call still
   * waiting for the owner then never runs.
   */
  serverFor(caller: Caller, record: McpRecord, abandoned?: AbortSignal): Server;
  /**
   * One tools/call, exactly as the server's tools/call handler answers it (that handler is this): the endpoint calls it
   * directly for a lone tools/call (endpoint.ts), without making a server for it. Throws McpError for an unknown tool.
   */
  callTool(caller: Caller, record: McpRecord, name: string, args: unknown, abandoned?: AbortSignal): Promise<CallToolResult>;
}


/** Binds the tool table to the MCP SDK: tools/list filtered by grant, tools/call checked again and validated. */
export function createMcpToolbox(deps: {
  tools: readonly ToolDefinition[];
  services: Services;
  approvals: Approvals;
  stillAllowed: StillAllowed;
  log: Logger;
}): McpToolbox {
  const { tools, services, approvals, stillAllowed, log } = deps;
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const described = new Map(tools.map((tool) => [tool.name, describe(tool)]));

  async function callTool(caller: Caller, record: McpRecord, name: string, args: unknown, abandoned?: AbortSignal): Promise<CallToolResult> {
    const check = scopeCheckOf(caller);
    const tool = byName.get(name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const refused = (reason: string) => record.toolCall(tool, args, 'refused', reason);

    // The endpoint answers an OAuth client's call outside its grant with 403 and a step-up challenge; checked again
    // here so no path skips it, and answered here for a setup-snippet token, which cannot step up.
    if (!check.allows(tool)) {
      const { needed, reason } = scopeRefusal(tool);
      refused(reason);
      return textResult(
        `Missing scope ${needed}: ${tool.name} is not part of what the owner granted this connection. ` +
          (caller.canStepUp
            ? `Ask the owner to grant ${needed} in Studio Gateway.`
            : `It is a setup snippet, which cannot ask for more by itself: ask the owner to make a new snippet in Studio Gateway → Agent setup with a bundle that includes ${needed} (or a custom one), and use it instead. Nothing was changed.`),
        true,
      );
    }

    const parsed = tool.input.safeParse(args ?? {});
    if (!parsed.success) {
      refused('invalid_arguments');
      return textResult(describeInvalidInput(parsed.error), true);
    }
    // What the call does in words, read before it runs (a deleted record's name is gone after): the owner is asked
    // with it, and the log keeps what it did or tried.
    const words = describeCall(tool, parsed.data, services);
    const done = (status: AuditStatus, reason?: string) =>
      record.toolCall(tool, args, status, reason, undefined, summaryOf(words, status));
    try {
      if (isProOnly(tool.scopes)) services.tier.requirePro(`${tool.name} (${tool.scopes.join(' or ')})`);
      if (approvals.required(tool)) {
        const asked = await approvals.request({
          tool: tool.name,
          toolTitle: tool.title,
          clientId: caller.clientId,
          clientName: caller.clientName,
          sentence: words.ask,
          cannotBeUndone: tool.annotations.destructiveHint,
          // What was validated is what will run: the owner sees exactly those values, whole. (Held in memory for
          // the owner's panel only; the audit row keeps its redacted copy.)
          args: parsed.data as Record<string, unknown>,
        }, abandoned);
        const outcome = asked === 'approved' ? (stillAllowed(caller, tool) ?? 'approved') : asked;
        if (outcome !== 'approved') {
          done('refused', NOT_RUN[outcome].reason);
          return textResult(NOT_RUN[outcome].text(tool.name), true);
        }
      }
      // The change and the row describing it commit together, before the answer leaves: in one group commit with the
      // other calls in progress (storage/group-commit.ts), the answer waiting for its group.
      const data = await services.storage.group.submit(() => {
        const result = tool.handler(parsed.data, { caller, services });
        if (result instanceof Promise) throw new TypeError(`tool ${tool.name} returned a promise: handlers must be synchronous`);
        done('ok');
        return result;
      });
      return textResult(toSnakeCase(data));
    } catch (err) {
      if (err instanceof DomainError) {
        done('refused', err.code);
        return textResult(err.message, true);
      }
      done('error', 'internal_error');
      log.error(`tool ${tool.name} failed`, err);
      return textResult(`${tool.name} failed with an internal error; the gateway's log has the details.`, true);
    }
  }

  function serverFor(caller: Caller, record: McpRecord, abandoned?: AbortSignal): Server {
    const check = scopeCheckOf(caller);
    const server = new Server(SERVER_INFO, { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS, jsonSchemaValidator: SCHEMA_VALIDATOR });

    server.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: tools.filter((tool) => check.allows(tool)).map((tool) => described.get(tool.name) as Tool),
    }));

    server.setRequestHandler(CallToolRequestSchema, (request) => callTool(caller, record, request.params.name, request.params.arguments, abandoned));
    return server;
  }

  return { tools, find: (name) => byName.get(name), serverFor, callTool };
}
