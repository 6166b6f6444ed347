import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { readBody, parseJson, RequestBodyError, sendJson } from '../http/respond.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Logger } from '../log.ts';
import type { BearerVerdict } from './bearer.ts';
import type { McpToolbox } from './mcp-server.ts';
import { scopeCheck, scopeToRequest } from './scope-guard.ts';
import type { Caller } from './tool.ts';

/** JSON-RPC error codes used by the gateway beyond JSON-RPC's own (-32700…-32603). */
export const JSONRPC = {
  parseError: -32700,
  invalidRequest: -32600,
  /** Implementation-defined server error range (JSON-RPC 2.0 §5.1). */
  unauthorized: -32001,
  forbidden: -32003,
  methodNotAllowed: -32005,
  tooLarge: -32006,
  paused: -32007,
} as const;

export interface McpEndpointOptions {
  toolbox: McpToolbox;
  verifyBearer: (authorization: string | undefined) => Promise<BearerVerdict>;
  /** RFC 9728 §5.1: where clients find the protected resource metadata. */
  resourceMetadataUrl: string;
  /** Scopes suggested to a client that arrives without a token (what the owner will be asked for). */
  defaultScopes: readonly string[];
  audit: AuditLog;
  /** While it answers true, every request is refused: the owner paused all agents. */
  isPaused: () => boolean;
  log: Logger;
  bodyLimit?: number;
}

interface JsonRpcMessage {
  id?: string | number | null;
  method?: unknown;
  params?: { name?: unknown; arguments?: unknown };
}

function jsonRpcError(res: ServerResponse, status: number, id: JsonRpcMessage['id'], code: number, message: string, headers: Record<string, string> = {}, data?: unknown): void {
  sendJson(res, status, { jsonrpc: '2.0', id: id ?? null, error: { code, message, ...(data === undefined ? {} : { data }) } }, headers);
}

/** RFC 6750 §3 challenge, with RFC 9728 §5.1's resource_metadata. */
function challenge(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}="${String(value).replace(/["\\]/g, '')}"`);
  return `Bearer ${parts.join(', ')}`;
}

function asMessages(body: unknown): JsonRpcMessage[] {
  const list = Array.isArray(body) ? body : [body];
  return list.filter((m): m is JsonRpcMessage => m !== null && typeof m === 'object');
}

/**
 * POST /mcp: Streamable HTTP (MCP 2025-06-18), stateless, JSON responses. Every request is authenticated on
 * its own (MCP "Authorization": tokens in the Authorization header only, never the query string, OAuth 2.1
 * §5.2), and a tool call outside the grant is refused at the HTTP layer with 403 insufficient_scope so the
 * client can ask the owner for more (MCP "Scope challenge handling").
 */
export function createMcpEndpoint(options: McpEndpointOptions) {
  const { toolbox, verifyBearer, resourceMetadataUrl, defaultScopes, audit, isPaused, log } = options;
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;

  function refuseScope(res: ServerResponse, caller: Caller, messages: JsonRpcMessage[], started: number): boolean {
    const check = scopeCheck(caller.scopes);
    for (const message of messages) {
      if (message.method !== 'tools/call' || typeof message.params?.name !== 'string') continue;
      const tool = toolbox.find(message.params.name);
      if (!tool || check.allows(tool)) continue;
      const needed = scopeToRequest(tool);
      const alternatives = tool.scopes.length > 1 ? ` (any of: ${tool.scopes.join(', ')})` : '';
      const text = `Missing scope ${needed}${alternatives}: ${tool.name} is not part of what the owner granted this client. Ask the owner to grant ${needed} in Studio Gateway.`;
      const ask = [...new Set([...caller.scopes, needed, 'offline_access'])].join(' ');
      audit.record({
        kind: 'mcp',
        endpoint: 'tools/call',
        tool: tool.name,
        clientId: caller.clientId,
        clientName: caller.clientName,
        grantId: caller.grantId,
        args: message.params?.arguments,
        sensitive: tool.sensitive,
        status: 'refused',
        reason: `insufficient_scope: needs ${needed}`,
        httpStatus: 403,
        durationMs: performance.now() - started,
      });
      jsonRpcError(res, 403, message.id, JSONRPC.forbidden, text, {
        'WWW-Authenticate': challenge({ error: 'insufficient_scope', scope: ask, resource_metadata: resourceMetadataUrl, error_description: `${tool.name} needs ${needed}` }),
      }, { error: 'insufficient_scope', scope: needed, tool: tool.name });
      return true;
    }
    return false;
  }

  /** A request refused before it reached the MCP server (no token, bad body…): on the record too. */
  function refused(started: number, httpStatus: number, reason: string, caller?: Caller): void {
    audit.record({
      kind: 'mcp',
      endpoint: 'mcp',
      clientId: caller?.clientId,
      clientName: caller?.clientName,
      grantId: caller?.grantId,
      status: 'refused',
      reason,
      httpStatus,
      durationMs: performance.now() - started,
    });
  }

  /** Records each JSON-RPC request other than tools/call (those are recorded with their change) as it is answered. */
  function auditResponses(transport: StreamableHTTPServerTransport, caller: Caller, messages: JsonRpcMessage[], started: number): void {
    const methods = new Map(messages.filter((m) => m.id !== undefined && typeof m.method === 'string').map((m) => [m.id, String(m.method)]));
    const send = transport.send.bind(transport);
    transport.send = async (message, sendOptions) => {
      const id = 'id' in message ? message.id : undefined;
      const method = methods.get(id);
      if (method && method !== 'tools/call') {
        const error = 'error' in message ? message.error : undefined;
        audit.record({
          kind: 'mcp',
          endpoint: method,
          clientId: caller.clientId,
          clientName: caller.clientName,
          grantId: caller.grantId,
          args: messages.find((m) => m.id === id)?.params,
          status: error ? 'error' : 'ok',
          reason: error ? `${error.code}: ${error.message}` : null,
          durationMs: performance.now() - started,
        });
      }
      return send(message, sendOptions);
    };
  }

  return async function handleMcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    if (isPaused()) {
      refused(started, 503, 'paused by the owner');
      jsonRpcError(res, 503, null, JSONRPC.paused, 'Studio Gateway is paused by the owner: every agent request is refused until the owner resumes agents in the control panel.', { 'Retry-After': '60' });
      return;
    }
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    if (query.has('access_token')) {
      refused(started, 400, 'access token in the query string');
      jsonRpcError(res, 400, null, JSONRPC.unauthorized, 'Access tokens in the query string are refused; send Authorization: Bearer <token>.', {
        'WWW-Authenticate': challenge({ error: 'invalid_request', error_description: 'token in query string', resource_metadata: resourceMetadataUrl }),
      });
      return;
    }

    const verdict = await verifyBearer(req.headers.authorization);
    if (!verdict.ok) {
      refused(started, verdict.status, `${verdict.error}: ${verdict.description}`);
      const scope = verdict.error === 'insufficient_scope' ? 'mcp:tools' : defaultScopes.join(' ');
      const header = challenge({
        ...(req.headers.authorization ? { error: verdict.error, error_description: verdict.description } : {}),
        resource_metadata: resourceMetadataUrl,
        scope,
      });
      const code = verdict.status === 403 ? JSONRPC.forbidden : JSONRPC.unauthorized;
      jsonRpcError(res, verdict.status, null, code, `Unauthorized: ${verdict.description}.`, { 'WWW-Authenticate': header });
      return;
    }

    if (req.method !== 'POST') {
      refused(started, 405, `method ${req.method ?? ''} not allowed`, verdict.caller);
      jsonRpcError(res, 405, null, JSONRPC.methodNotAllowed, 'This MCP endpoint is stateless: send JSON-RPC requests with POST (no SSE stream, no sessions).', { Allow: 'POST' });
      return;
    }
    let body: unknown;
    try {
      body = parseJson(await readBody(req, bodyLimit));
    } catch (err) {
      if (!(err instanceof RequestBodyError)) throw err;
      const tooLarge = err.status === 413;
      refused(started, err.status, err.message, verdict.caller);
      // The rest of an oversized body is never read: close the connection instead of draining it.
      jsonRpcError(res, err.status, null, tooLarge ? JSONRPC.tooLarge : JSONRPC.parseError, `${tooLarge ? 'Request too large' : 'Parse error'}: ${err.message}`, tooLarge ? { Connection: 'close' } : {});
      return;
    }
    const messages = asMessages(body);
    if (refuseScope(res, verdict.caller, messages, started)) return;

    const server = toolbox.serverFor(verdict.caller);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    auditResponses(transport, verdict.caller, messages, started);
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } catch (err) {
      log.error('MCP request failed', err);
      if (!res.headersSent) jsonRpcError(res, 500, null, -32603, 'Internal error');
    }
  };
}
