import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { readBody, parseJson, RequestBodyError, sendJson } from '../http/respond.ts';
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
} as const;

export interface McpEndpointOptions {
  toolbox: McpToolbox;
  verifyBearer: (authorization: string | undefined) => Promise<BearerVerdict>;
  /** RFC 9728 §5.1: where clients find the protected resource metadata. */
  resourceMetadataUrl: string;
  /** Scopes suggested to a client that arrives without a token (what the owner will be asked for). */
  defaultScopes: readonly string[];
  log: Logger;
  bodyLimit?: number;
}

interface JsonRpcMessage {
  id?: string | number | null;
  method?: unknown;
  params?: { name?: unknown };
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
  const { toolbox, verifyBearer, resourceMetadataUrl, defaultScopes, log } = options;
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;

  function refuseScope(res: ServerResponse, caller: Caller, messages: JsonRpcMessage[]): boolean {
    const check = scopeCheck(caller.scopes);
    for (const message of messages) {
      if (message.method !== 'tools/call' || typeof message.params?.name !== 'string') continue;
      const tool = toolbox.find(message.params.name);
      if (!tool || check.allows(tool)) continue;
      const needed = scopeToRequest(tool);
      const alternatives = tool.scopes.length > 1 ? ` (any of: ${tool.scopes.join(', ')})` : '';
      const text = `Missing scope ${needed}${alternatives}: ${tool.name} is not part of what the owner granted this client. Ask the owner to grant ${needed} in Studio Gateway.`;
      const ask = [...new Set([...caller.scopes, needed, 'offline_access'])].join(' ');
      jsonRpcError(res, 403, message.id, JSONRPC.forbidden, text, {
        'WWW-Authenticate': challenge({ error: 'insufficient_scope', scope: ask, resource_metadata: resourceMetadataUrl, error_description: `${tool.name} needs ${needed}` }),
      }, { error: 'insufficient_scope', scope: needed, tool: tool.name });
      return true;
    }
    return false;
  }

  return async function handleMcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      jsonRpcError(res, 405, null, JSONRPC.methodNotAllowed, 'This MCP endpoint is stateless: send JSON-RPC requests with POST (no SSE stream, no sessions).', { Allow: 'POST' });
      return;
    }
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    if (query.has('access_token')) {
      jsonRpcError(res, 400, null, JSONRPC.unauthorized, 'Access tokens in the query string are refused; send Authorization: Bearer <token>.', {
        'WWW-Authenticate': challenge({ error: 'invalid_request', error_description: 'token in query string', resource_metadata: resourceMetadataUrl }),
      });
      return;
    }

    const verdict = await verifyBearer(req.headers.authorization);
    if (!verdict.ok) {
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

    let body: unknown;
    try {
      body = parseJson(await readBody(req, bodyLimit));
    } catch (err) {
      if (!(err instanceof RequestBodyError)) throw err;
      const tooLarge = err.status === 413;
      // The rest of an oversized body is never read: close the connection instead of draining it.
      jsonRpcError(res, err.status, null, tooLarge ? JSONRPC.tooLarge : JSONRPC.parseError, `${tooLarge ? 'Request too large' : 'Parse error'}: ${err.message}`, tooLarge ? { Connection: 'close' } : {});
      return;
    }
    const messages = asMessages(body);
    if (refuseScope(res, verdict.caller, messages)) return;

    const server = toolbox.serverFor(verdict.caller);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
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
