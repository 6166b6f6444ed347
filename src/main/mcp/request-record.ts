import type { AuditEntry, AuditLog } from '../audit/audit-log.ts';
import type { AuditStatus } from '../../shared/audit-row.ts';
import { httpStatus, type ErrorCode } from '../errors.ts';
import type { Caller, ToolDefinition } from './tool.ts';

/**
 * How one MCP request goes on the record, written once: who called (when the token was good), what was asked,
 * how it ended and how long it took from the moment the request arrived. Each request is recorded exactly once:
 * a refusal before any method runs, each answered method, or each tool call (inside the transaction of its change).
 */
export function mcpRecord(audit: AuditLog, started: number, caller?: Caller) {
  const base = {
    kind: 'mcp',
    clientId: caller?.clientId,
    clientName: caller?.clientName,
    grantId: caller?.grantId,
  } as const;
  const write = (entry: Omit<AuditEntry, 'kind' | 'durationMs'>) => audit.record({ ...base, ...entry, durationMs: performance.now() - started });

  return {
    /** The request was refused before any method ran (paused, no token, bad body, over the limit…). */
    refused(code: ErrorCode, reason: string): void {
      write({ endpoint: 'mcp', status: 'refused', reason, httpStatus: httpStatus(code) });
    },
    /** A method other than tools/call was answered. */
    answered(method: string, params: unknown, error?: { code: number; message: string }): void {
      write({ endpoint: method, args: params, status: error ? 'error' : 'ok', reason: error ? `${error.code}: ${error.message}` : null });
    },
    /**
     * One tools/call, with its arguments redacted by the tool's own list of sensitive fields, and what it did in
     * words when its records could be named (tool-words.ts summaryOf).
     */
    toolCall(tool: ToolDefinition, args: unknown, status: AuditStatus, reason?: string, httpStatus?: number, summary?: string | null): void {
      write({ endpoint: 'tools/call', tool: tool.name, args, sensitive: tool.sensitive, status, reason, httpStatus, summary });
    },
  };
}
export type McpRecord = ReturnType<typeof mcpRecord>;
