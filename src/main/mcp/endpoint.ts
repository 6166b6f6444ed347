import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BATCH_SIZE } from '@modelcontextprotocol/sdk/server/requestBody.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import { isInitializeRequest, isJSONRPCRequest, JSONRPCMessageSchema, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import { readBody, parseJson, RequestBodyError, sendJson } from '../http/respond.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Clock } from '../../shared/clock.ts';
import { httpStatus, jsonRpcCode, oauthError, type JsonRpcErrorCode } from '../errors.ts';
import { createRateLimiter, type RateLimit } from '../http/rate-limit.ts';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log.ts';
import type { BearerVerdict } from './bearer.ts';
import { JsonExchangeTransport } from './json-exchange.ts';
import type { McpToolbox } from './mcp-server.ts';
import { mcpRecord, type McpRecord } from './request-record.ts';
import { scopeCheckOf, scopeRefusal } from './scope-guard.ts';
import type { Caller } from './tool.ts';

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
  /** While it answers true for an app, that app's every request is refused: the owner paused it. */
  isAppPaused: (clientId: string) => boolean;
  /** Requests per app (Settings → Limits), read on every request so a change applies at once. */
  toolCallLimit: () => RateLimit;
  log: Logger;
  bodyLimit?: number;
  /** Every POST is answered within this long (LIMITS.responseDeadlineSeconds). */
  responseDeadlineMs?: number;
  clock: Clock;
}

interface JsonRpcMessage {
  id?: string | number | null;
  method?: unknown;
  params?: { name?: unknown; arguments?: unknown };
}

/** A JSON-RPC error answer, its HTTP status and JSON-RPC code both from the error table (errors.ts). */
function jsonRpcError(res: ServerResponse, code: JsonRpcErrorCode, id: JsonRpcMessage['id'], message: string, headers: Record<string, string> = {}, data?: unknown): void {
  sendJson(res, httpStatus(code), { jsonrpc: '2.0', id: id ?? null, error: { code: jsonRpcCode(code), message, ...(data === undefined ? {} : { data }) } }, headers);
}

/** RFC 6750 §3 challenge, with RFC 9728 §5.1's resource_metadata. */
function challenge(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}="${String(value).replace(/["\\]/g, '')}"`);
  return `Bearer ${parts.join(', ')}`;
}

/** A lone tools/call the endpoint answers itself (see handleMcp): its id, the tool's name and its arguments. */
interface ToolCallRequest {
  jsonrpc: '2.0';
  id: string | number;
  method: 'tools/call';
  params: { name: string; arguments?: Record<string, unknown> };
}

const plainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const onlyKeys = (value: Record<string, unknown>, allowed: ReadonlySet<string>) => Object.keys(value).every((key) => allowed.has(key));
const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const TOOL_CALL_PARAMS = new Set(['name', 'arguments']);

/**
 * Whether a message is a plain tools/call request: exactly what the SDK's JSONRPCRequestSchema and
 * CallToolRequestSchema accept, less everything else they allow (no _meta, no task), checked without building a
 * parser per request. Anything else is left to the SDK's own schemas and server.
 */
function isToolCall(message: unknown): message is ToolCallRequest {
  if (!plainObject(message) || !onlyKeys(message, REQUEST_KEYS) || message.jsonrpc !== '2.0' || message.method !== 'tools/call') return false;
  const { id, params } = message;
  if (!(typeof id === 'string' || Number.isSafeInteger(id)) || !plainObject(params) || !onlyKeys(params, TOOL_CALL_PARAMS)) return false;
  return typeof params.name === 'string' && (params.arguments === undefined || plainObject(params.arguments));
}

type Accepted = { messages: JSONRPCMessage[] } | { refusal: { code: JsonRpcErrorCode; message: string } };
const refusal = (code: JsonRpcErrorCode, message: string): Accepted => ({ refusal: { code, message } });

/** The POSTed messages if they are what Streamable HTTP accepts (checked by the SDK's rules), or why not. */
function acceptMessages(req: IncomingMessage, body: unknown): Accepted {
  if (Array.isArray(body) && body.length > MAX_BATCH_SIZE) return refusal('invalid_request', `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`);
  const messages: JSONRPCMessage[] = [];
  let onlyToolCalls = true;
  for (const raw of Array.isArray(body) ? body : [body]) {
    if (isToolCall(raw)) {
      messages.push(raw);
      continue;
    }
    onlyToolCalls = false;
    const parsed = JSONRPCMessageSchema.safeParse(raw);
    if (!parsed.success) return refusal('parse_error', 'Parse error: Invalid JSON-RPC message');
    messages.push(parsed.data);
  }
  // (Plain tools/call requests are requests, and none is an initialization: the SDK's schema checks are for the rest.)
  const ids = onlyToolCalls ? messages.map((m) => (m as ToolCallRequest).id) : messages.filter(isJSONRPCRequest).map((m) => m.id);
  if (ids.length > 1 && new Set(ids).size !== ids.length) return refusal('invalid_request', 'Invalid Request: request ids in one batch must differ');
  if (!onlyToolCalls && messages.some(isInitializeRequest)) {
    return messages.length > 1 ? refusal('invalid_request', 'Invalid Request: Only one initialization request is allowed') : { messages };
  }
  // MCP-Protocol-Version on every request after initialization (MCP 2025-06-18 "Protocol Version Header").
  const version = req.headers['mcp-protocol-version'];
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(String(version))) {
    return refusal('unsupported_protocol_version', `Bad Request: Unsupported protocol version: ${String(version)} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`);
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
  const perClient = createRateLimiter(options.toolCallLimit, options.clock);

  /**
   * An OAuth client's call outside its grant: 403 insufficient_scope with the challenge that starts its step-up (MCP
   * "Scope challenge handling"). A setup-snippet token cannot step up — a client meeting the challenge would start an
   * authorization of its own and hang — so its call is answered by the tool handler with an error saying what to ask
   * the owner for (mcp-server.ts).
   */
  function refuseScope(res: ServerResponse, caller: Caller, messages: JsonRpcMessage[], record: McpRecord): boolean {
    if (!caller.canStepUp) return false;
    const check = scopeCheckOf(caller);
    const outside = messages.flatMap((message) => {
      const tool = message.method === 'tools/call' && typeof message.params?.name === 'string' ? toolbox.find(message.params.name) : undefined;
      return tool && !check.allows(tool) ? [{ message, tool, ...scopeRefusal(tool) }] : [];
    });
    if (outside.length === 0) return false;
    for (const { message, tool, reason } of outside) record.toolCall(tool, message.params?.arguments, 'refused', reason, httpStatus('insufficient_scope'));
    // MCP "Scope challenge handling": scope= lists everything the client should hold to do what it just tried — what
    // it has and every scope the refused calls need — so one step-up covers the whole operation.
    const needed = [...new Set(outside.map((o) => o.needed))];
    const ask = [...new Set([...caller.scopes, ...needed, 'offline_access'])].join(' ');
    const [first] = outside;
    const alternatives = first && first.tool.scopes.length > 1 ? ` (any of: ${first.tool.scopes.join(', ')})` : '';
    const names = outside.map((o) => o.tool.name).join(', ');
    const text = `Missing scope ${needed.join(', ')}${alternatives}: ${names} ${outside.length > 1 ? 'are' : 'is'} not part of what the owner granted this client. Ask the owner to grant ${needed.join(' and ')} in Studio Gateway.`;
    jsonRpcError(res, 'insufficient_scope', messages.length === 1 ? first?.message.id : null, text, {
      'WWW-Authenticate': challenge({ error: 'insufficient_scope', scope: ask, resource_metadata: resourceMetadataUrl, error_description: `${names} needs ${needed.join(' ')}` }),
    }, { error: 'insufficient_scope', scope: needed.join(' '), tool: first?.tool.name });
    return true;
  }

  /** Each JSON-RPC request other than tools/call (those are recorded with their change) as it was answered. */
  function recordAnswers(record: McpRecord, messages: JsonRpcMessage[], answers: JSONRPCMessage[]): void {
    for (const answer of answers) {
      const id = 'id' in answer ? answer.id : undefined;
      const request = messages.find((m) => m.id === id && typeof m.method === 'string');
      if (!request || request.method === 'tools/call') continue;
      record.answered(String(request.method), request.params, 'error' in answer ? answer.error : undefined);
    }
  }

  const timedOut = (id: RequestId): JSONRPCMessage => ({
    jsonrpc: '2.0',
    id,
    error: { code: jsonRpcCode('no_answer_in_time'), message: `No answer within ${deadlineMs / 1000} s; the request may or may not have been carried out (the audit log says).` },
  });

  /**
   * A lone tools/call, answered by the toolbox's tools/call handler itself rather than through a server made for this
   * one request (most of the cost of a call was making that server and its plumbing): the same answer, byte for byte
   * — the result as the SDK's server sends it ({result, jsonrpc, id}), an error as its Protocol reports one, and
   * after responseDeadlineMs the same "no answer in time" (test/main/mcp/endpoint.test.ts compares both paths).
   */
  async function answerToolCall(caller: Caller, record: McpRecord, request: ToolCallRequest, abandoned: AbortSignal): Promise<unknown> {
    const { id } = request;
    const answered = toolbox.callTool(caller, record, request.params.name, request.params.arguments, abandoned).then(
      (result) => ({ result, jsonrpc: '2.0', id }),
      (err: unknown) => {
        const { code, message, data } = (err ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
        return { jsonrpc: '2.0', id, error: { code: Number.isSafeInteger(code) ? code : jsonRpcCode('internal_error'), message: typeof message === 'string' ? message : 'Internal error', ...(data === undefined ? {} : { data }) } };
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<unknown>((resolve) => (timer = setTimeout(() => resolve(timedOut(id)), deadlineMs)));
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  return async function handleMcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const anonymous = mcpRecord(audit, started);
    if (isPaused()) {
      anonymous.refused('agents_paused', 'paused by the owner');
      jsonRpcError(res, 'agents_paused', null, 'Studio Gateway is paused by the owner: every agent request is refused until the owner resumes agents in the control panel.', { 'Retry-After': '60' });
      return;
    }
    const url = req.url ?? '/';
    if (url.includes('?') && new URL(url, 'http://x').searchParams.has('access_token')) {
      anonymous.refused('token_malformed', 'access token in the query string');
      jsonRpcError(res, 'token_malformed', null, 'Access tokens in the query string are refused; send Authorization: Bearer <token>.', {
        'WWW-Authenticate': challenge({ error: oauthError('token_malformed'), error_description: 'token in query string', resource_metadata: resourceMetadataUrl }),
      });
      return;
    }

    const verdict = await verifyBearer(req.headers.authorization);
    if (!verdict.ok) {
      const { code, description } = verdict;
      anonymous.refused(code, `${code === 'token_missing' ? 'invalid_request' : oauthError(code)}: ${description}`);
      const header = challenge({
        // RFC 6750 §3.1: a request without credentials is told no error code.
        ...(code === 'token_missing' ? {} : { error: oauthError(code), error_description: description }),
        resource_metadata: resourceMetadataUrl,
        scope: code === 'insufficient_scope' ? 'mcp:tools' : defaultScopes.join(' '),
      });
      jsonRpcError(res, code, null, `Unauthorized: ${description}.`, { 'WWW-Authenticate': header });
      return;
    }

    const record = mcpRecord(audit, started, verdict.caller);
    if (options.isAppPaused(verdict.caller.clientId)) {
      record.refused('app_paused', 'app paused by the owner');
      jsonRpcError(res, 'app_paused', null, 'The owner paused this app in Studio Gateway: its requests are refused until the owner resumes it on the Connected apps page.', { 'Retry-After': '60' });
      return;
    }
    if (req.method !== 'POST') {
      record.refused('method_not_allowed', `method ${req.method ?? ''} not allowed`);
      jsonRpcError(res, 'method_not_allowed', null, 'This MCP endpoint is stateless: send JSON-RPC requests with POST (no SSE stream, no sessions).', { Allow: 'POST' });
      return;
    }
    // Streamable HTTP: the client accepts both JSON and SSE, and posts JSON (MCP 2025-06-18 "Transports").
    const accept = req.headers.accept ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      record.refused('not_acceptable', 'Accept must list application/json and text/event-stream');
      jsonRpcError(res, 'not_acceptable', null, 'Not Acceptable: Client must accept both application/json and text/event-stream');
      return;
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      record.refused('unsupported_media_type', 'Content-Type must be application/json');
      jsonRpcError(res, 'unsupported_media_type', null, 'Unsupported Media Type: Content-Type must be application/json');
      return;
    }
    let body: unknown;
    try {
      body = parseJson(await readBody(req, bodyLimit));
    } catch (err) {
      if (!(err instanceof RequestBodyError)) throw err;
      const tooLarge = err.status === 413;
      const code = tooLarge ? 'request_too_large' : 'parse_error';
      record.refused(code, err.message);
      // The rest of an oversized body is never read: close the connection instead of draining it.
      jsonRpcError(res, code, null, `${tooLarge ? 'Request too large' : 'Parse error'}: ${err.message}`, tooLarge ? { Connection: 'close' } : {});
      return;
    }
    const accepted = acceptMessages(req, body);
    if ('refusal' in accepted) {
      const { code, message } = accepted.refusal;
      record.refused(code, message);
      jsonRpcError(res, code, null, message);
      return;
    }
    const { messages } = accepted;
    const loose = messages as JsonRpcMessage[];
    // Each request of the batch counts (at least one per POST); a batch larger than the burst counts as the burst.
    const rate = perClient.take(verdict.caller.clientId, Math.min(options.toolCallLimit().burst, Math.max(1, messages.filter(isJSONRPCRequest).length)));
    if (!rate.ok) {
      const { burst, perMinute } = options.toolCallLimit();
      record.refused('rate_limited', `rate_limited: over ${burst} at once or ${perMinute} a minute`);
      // RFC 6585 §4: 429 with Retry-After (RFC 9110 §10.2.3).
      jsonRpcError(res, 'rate_limited', null, `Too many requests: this app may make ${burst} at once and ${perMinute} a minute (the owner sets this in Studio Gateway). Try again in ${rate.retryAfterSeconds} s.`, { 'Retry-After': String(rate.retryAfterSeconds) });
      return;
    }
    if (refuseScope(res, verdict.caller, loose, record)) return;

    // An agent that hangs up is not there to receive an answer: a call of its still waiting for the owner ends.
    const hungUp = new AbortController();
    res.once('close', () => res.writableFinished || hungUp.abort());
    const [lone] = messages;
    if (!Array.isArray(body) && isToolCall(lone) && toolbox.find(lone.params.name)) {
      sendJson(res, 200, await answerToolCall(verdict.caller, record, lone, hungUp.signal));
      return;
    }
    const server = toolbox.serverFor(verdict.caller, record, hungUp.signal);
    const transport = new JsonExchangeTransport();
    try {
      await server.connect(transport);
      const answers = await transport.exchange(messages, {
        deadlineMs,
        timedOut,
      });
      recordAnswers(record, loose, answers);
      if (answers.length === 0) res.writeHead(202).end(); // notifications and responses only
      // JSON-RPC 2.0 §6: a batch is answered with an array, a single request with its one response.
      else sendJson(res, 200, Array.isArray(body) ? answers : answers[0]);
    } catch (err) {
      log.error('MCP request failed', err);
      if (!res.headersSent) jsonRpcError(res, 'internal_error', null, 'Internal error');
    } finally {
      void server.close();
    }
  };
}
