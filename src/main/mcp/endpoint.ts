import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BATCH_SIZE } from '@modelcontextprotocol/sdk/server/requestBody.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import { isInitializeRequest, isJSONRPCRequest, JSONRPCMessageSchema, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { readBody, parseJson, RequestBodyError, sendJson } from '../http/respond.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { createRateLimiter, type RateLimit } from '../http/rate-limit.ts';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log.ts';
import type { BearerVerdict } from './bearer.ts';
import { JsonExchangeTransport } from './json-exchange.ts';
import type { McpToolbox } from './mcp-server.ts';
import { scopeCheck, scopeToRequest } from './scope-guard.ts';
import type { Caller } from './tool.ts';

/** JSON-RPC error codes used by the gateway beyond JSON-RPC's own (-32700…-32603). */
export const JSONRPC = {
  parseError: -32700,
  invalidRequest: -32600,
  /** The SDK's code for transport-level refusals (Not Acceptable, Unsupported Media Type, bad protocol version). */
  transport: -32000,
  /** Implementation-defined server error range (JSON-RPC 2.0 §5.1). */
  unauthorized: -32001,
  forbidden: -32003,
  methodNotAllowed: -32005,
  tooLarge: -32006,
  paused: -32007,
  rateLimited: -32008,
  /** No answer within the response deadline: the request may or may not have been carried out. */
  deadline: -32009,
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
  /** Requests per app (Settings → Limits), read on every request so a change applies at once. */
  toolCallLimit: () => RateLimit;
  log: Logger;
  bodyLimit?: number;
  /** Every POST is answered within this long (LIMITS.responseDeadlineSeconds). */
  responseDeadlineMs?: number;
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

type Accepted = { messages: JSONRPCMessage[] } | { refusal: { status: number; code: number; message: string } };
const refusal = (status: number, code: number, message: string): Accepted => ({ refusal: { status, code, message } });

/** The POSTed messages if they are what Streamable HTTP accepts (checked by the SDK's rules), or why not. */
function acceptMessages(req: IncomingMessage, body: unknown): Accepted {
  if (Array.isArray(body) && body.length > MAX_BATCH_SIZE) return refusal(400, JSONRPC.invalidRequest, `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`);
  const messages: JSONRPCMessage[] = [];
  for (const raw of Array.isArray(body) ? body : [body]) {
    const parsed = JSONRPCMessageSchema.safeParse(raw);
    if (!parsed.success) return refusal(400, JSONRPC.parseError, 'Parse error: Invalid JSON-RPC message');
    messages.push(parsed.data);
  }
  const ids = messages.filter(isJSONRPCRequest).map((m) => m.id);
  if (new Set(ids).size !== ids.length) return refusal(400, JSONRPC.invalidRequest, 'Invalid Request: request ids in one batch must differ');
  if (messages.some(isInitializeRequest)) {
    return messages.length > 1 ? refusal(400, JSONRPC.invalidRequest, 'Invalid Request: Only one initialization request is allowed') : { messages };
  }
  // MCP-Protocol-Version on every request after initialization (MCP 2025-06-18 "Protocol Version Header").
  const version = req.headers['mcp-protocol-version'];
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(String(version))) {
    return refusal(400, JSONRPC.transport, `Bad Request: Unsupported protocol version: ${String(version)} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`);
  }
  return { messages };
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
  const deadlineMs = options.responseDeadlineMs ?? LIMITS.responseDeadlineSeconds * 1000;
  const perClient = createRateLimiter(options.toolCallLimit);

  /**
   * An OAuth client's call outside its grant: 403 insufficient_scope with the challenge that starts its step-up (MCP
   * "Scope challenge handling"). A setup-snippet token cannot step up — a client meeting the challenge would start an
   * authorization of its own and hang — so its call is answered by the tool handler with an error saying what to ask
   * the owner for (mcp-server.ts).
   */
  function refuseScope(res: ServerResponse, caller: Caller, messages: JsonRpcMessage[], started: number): boolean {
    if (!caller.canStepUp) return false;
    const check = scopeCheck(caller.scopes);
    const outside = messages.flatMap((message) => {
      const tool = message.method === 'tools/call' && typeof message.params?.name === 'string' ? toolbox.find(message.params.name) : undefined;
      return tool && !check.allows(tool) ? [{ message, tool, needed: scopeToRequest(tool) }] : [];
    });
    if (outside.length === 0) return false;
    for (const { message, tool, needed } of outside) {
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
    }
    // MCP "Scope challenge handling": scope= lists everything the client should hold to do what it just tried — what
    // it has and every scope the refused calls need — so one step-up covers the whole operation.
    const needed = [...new Set(outside.map((o) => o.needed))];
    const ask = [...new Set([...caller.scopes, ...needed, 'offline_access'])].join(' ');
    const [first] = outside;
    const alternatives = first && first.tool.scopes.length > 1 ? ` (any of: ${first.tool.scopes.join(', ')})` : '';
    const names = outside.map((o) => o.tool.name).join(', ');
    const text = `Missing scope ${needed.join(', ')}${alternatives}: ${names} ${outside.length > 1 ? 'are' : 'is'} not part of what the owner granted this client. Ask the owner to grant ${needed.join(' and ')} in Studio Gateway.`;
    jsonRpcError(res, 403, messages.length === 1 ? first?.message.id : null, JSONRPC.forbidden, text, {
      'WWW-Authenticate': challenge({ error: 'insufficient_scope', scope: ask, resource_metadata: resourceMetadataUrl, error_description: `${names} needs ${needed.join(' ')}` }),
    }, { error: 'insufficient_scope', scope: needed.join(' '), tool: first?.tool.name });
    return true;
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
  function auditAnswers(caller: Caller, messages: JsonRpcMessage[], answers: JSONRPCMessage[], started: number): void {
    for (const answer of answers) {
      const id = 'id' in answer ? answer.id : undefined;
      const request = messages.find((m) => m.id === id && typeof m.method === 'string');
      if (!request || request.method === 'tools/call') continue;
      const error = 'error' in answer ? answer.error : undefined;
      audit.record({
        kind: 'mcp',
        endpoint: String(request.method),
        clientId: caller.clientId,
        clientName: caller.clientName,
        grantId: caller.grantId,
        args: request.params,
        status: error ? 'error' : 'ok',
        reason: error ? `${error.code}: ${error.message}` : null,
        durationMs: performance.now() - started,
      });
    }
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
    // Streamable HTTP: the client accepts both JSON and SSE, and posts JSON (MCP 2025-06-18 "Transports").
    const accept = req.headers.accept ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      refused(started, 406, 'Accept must list application/json and text/event-stream', verdict.caller);
      jsonRpcError(res, 406, null, JSONRPC.transport, 'Not Acceptable: Client must accept both application/json and text/event-stream');
      return;
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      refused(started, 415, 'Content-Type must be application/json', verdict.caller);
      jsonRpcError(res, 415, null, JSONRPC.transport, 'Unsupported Media Type: Content-Type must be application/json');
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
    const accepted = acceptMessages(req, body);
    if ('refusal' in accepted) {
      const { status, code, message } = accepted.refusal;
      refused(started, status, message, verdict.caller);
      jsonRpcError(res, status, null, code, message);
      return;
    }
    const { messages } = accepted;
    const loose = messages as JsonRpcMessage[];
    // Each request of the batch counts (at least one per POST); a batch larger than the burst counts as the burst.
    const rate = perClient.take(verdict.caller.clientId, Math.min(options.toolCallLimit().burst, Math.max(1, messages.filter(isJSONRPCRequest).length)));
    if (!rate.ok) {
      const { burst, perMinute } = options.toolCallLimit();
      refused(started, 429, `rate_limited: over ${burst} at once or ${perMinute} a minute`, verdict.caller);
      // RFC 6585 §4: 429 with Retry-After (RFC 9110 §10.2.3).
      jsonRpcError(res, 429, null, JSONRPC.rateLimited, `Too many requests: this app may make ${burst} at once and ${perMinute} a minute (the owner sets this in Studio Gateway). Try again in ${rate.retryAfterSeconds} s.`, { 'Retry-After': String(rate.retryAfterSeconds) });
      return;
    }
    if (refuseScope(res, verdict.caller, loose, started)) return;

    // An agent that hangs up is not there to receive an answer: a call of its still waiting for the owner ends.
    const hungUp = new AbortController();
    res.once('close', () => res.writableFinished || hungUp.abort());
    const server = toolbox.serverFor(verdict.caller, hungUp.signal);
    const transport = new JsonExchangeTransport();
    try {
      await server.connect(transport);
      const answers = await transport.exchange(messages, {
        deadlineMs,
        timedOut: (id) => ({ jsonrpc: '2.0', id, error: { code: JSONRPC.deadline, message: `No answer within ${deadlineMs / 1000} s; the request may or may not have been carried out (the audit log says).` } }),
      });
      auditAnswers(verdict.caller, loose, answers, started);
      if (answers.length === 0) res.writeHead(202).end(); // notifications and responses only
      // JSON-RPC 2.0 §6: a batch is answered with an array, a single request with its one response.
      else sendJson(res, 200, Array.isArray(body) ? answers : answers[0]);
    } catch (err) {
      log.error('MCP request failed', err);
      if (!res.headersSent) jsonRpcError(res, 500, null, -32603, 'Internal error');
    } finally {
      void server.close();
    }
  };
}
