import type { Readable, Writable } from 'node:stream';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isInitializeRequest, isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import { jsonRpcCode } from '../errors.ts';

/**
 * `studio-gateway bridge`: a local MCP server on stdio (what Claude Desktop starts for a local server) that forwards
 * every message to the gateway's Streamable HTTP endpoint with the app's bearer token, and every answer back. The MCP
 * SDK's two transports do the framing on each side; this only relays, and turns what goes wrong on the way into a
 * JSON-RPC error the client shows, so a stopped gateway or a revoked key reads as such instead of a silent exit.
 */
export interface BridgeOptions {
  /** The gateway's MCP URL, written at install time. */
  url: string;
  /** The access key; a rejection says why there is none, and every request is answered with that. */
  token: () => Promise<string>;
  stdin?: Readable;
  stdout?: Writable;
  /** Lines for the client's log of this server (stderr). */
  log: (line: string) => void;
}

interface Failure {
  code: number;
  message: string;
}

/** The gateway answered a POST with an error status: its own JSON-RPC error when the body carries one. */
class GatewayRefusal extends Error {
  readonly status: number;
  readonly failure: Failure | null;
  constructor(status: number, failure: Failure | null) {
    super(failure?.message ?? `HTTP ${status}`);
    this.status = status;
    this.failure = failure;
  }
}

class GatewayUnreachable extends Error {}

async function refusalOf(response: Response): Promise<GatewayRefusal> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'number' && typeof body.error.message === 'string') return new GatewayRefusal(response.status, { code: body.error.code, message: body.error.message });
  } catch {
    // not JSON: the status says enough
  }
  return new GatewayRefusal(response.status, null);
}

/** fetch for the HTTP transport: a network failure and an error status become errors that say which it was. */
function gatewayFetch(url: string): FetchLike {
  return async (input, init) => {
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (err) {
      if (init?.signal?.aborted) throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new GatewayUnreachable(`Studio Gateway is not running at ${url}, or does not answer there (${cause?.code ?? cause?.message ?? String(err)}). Open the Studio Gateway app (or run "studio-gateway serve"), then try again.`);
    }
    // Only answers to messages: the optional GET stream's 405 is how a stateless server says it has none.
    if (response.status >= 400 && init?.method === 'POST') throw await refusalOf(response);
    return response;
  };
}

/** What the client is told when a request cannot be relayed. */
function bridgeFailure(err: unknown): Failure {
  if (err instanceof GatewayUnreachable) return { code: jsonRpcCode('gateway_unreachable'), message: err.message };
  if (err instanceof GatewayRefusal && err.status === 401) {
    return {
      code: jsonRpcCode('token_invalid'),
      message: `Studio Gateway did not accept this agent’s access key (${err.message}). The owner may have revoked it under Connected apps, or it expired: create a new one in Studio Gateway → Agent setup.`,
    };
  }
  // Paused, rate-limited, too large…: the gateway's own words are written for this.
  if (err instanceof GatewayRefusal) return err.failure ?? { code: jsonRpcCode('gateway_unreachable'), message: `Studio Gateway refused the request (HTTP ${err.status}).` };
  return { code: jsonRpcCode('internal_error'), message: `The Studio Gateway bridge could not relay the request: ${err instanceof Error ? err.message : String(err)}` };
}

/** Starts relaying; `closed` settles when the client closes stdin. */
export async function runBridge(options: BridgeOptions): Promise<{ closed: Promise<void> }> {
  const { log } = options;
  const stdio = new StdioServerTransport(options.stdin, options.stdout);
  const stdin = options.stdin ?? process.stdin;
  const answer = (id: RequestId, failure: Failure) => stdio.send({ jsonrpc: '2.0', id, error: failure });

  // Whatever keeps the bridge from relaying (no key, a bad URL) is the answer to every request, not an exit.
  const http: StreamableHTTPClientTransport | Failure = await options.token().then(
    (token) => {
      try {
        return new StreamableHTTPClientTransport(new URL(options.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } }, fetch: gatewayFetch(options.url) });
      } catch {
        return { code: jsonRpcCode('gateway_unreachable'), message: `Studio Gateway bridge: "${options.url}" is not a URL. Install the agent again from Studio Gateway → Agent setup.` };
      }
    },
    (err: unknown) => ({ code: jsonRpcCode('token_invalid'), message: `Studio Gateway bridge: ${err instanceof Error ? err.message : String(err)}` }),
  );

  const initializing = new Set<RequestId>();
  if ('send' in http) {
    http.onmessage = (message) => {
      // After initialize, each request names the negotiated version (MCP "Protocol Version Header"); an SDK Client
      // tells its transport so itself, a relay has to read it from the answer going by.
      if (isJSONRPCResultResponse(message) && initializing.delete(message.id) && typeof message.result.protocolVersion === 'string') http.setProtocolVersion(message.result.protocolVersion);
      void stdio.send(message);
    };
    http.onerror = (err) => log(`gateway: ${err.message}`);
    await http.start();
  } else {
    log(http.message);
  }

  stdio.onmessage = (message: JSONRPCMessage) => {
    if (!('send' in http)) {
      if (isJSONRPCRequest(message)) void answer(message.id, http);
      return;
    }
    if (isJSONRPCRequest(message) && isInitializeRequest(message)) initializing.add(message.id);
    http.send(message).catch((err: unknown) => {
      const failure = bridgeFailure(err);
      log(failure.message);
      if (isJSONRPCRequest(message)) void answer(message.id, failure);
    });
  };
  stdio.onerror = (err) => log(`client: ${err.message}`);

  const closed = new Promise<void>((resolve) => {
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      void stdio.close();
      if ('send' in http) void http.close();
      resolve();
    };
    stdin.once('end', end);
    stdin.once('close', end);
  });
  await stdio.start();
  return { closed };
}
