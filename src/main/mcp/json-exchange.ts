import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isJSONRPCErrorResponse, isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';

/**
 * One POST of Streamable HTTP in stateless, JSON-response mode (MCP 2025-06-18 "Transports", "Sending Messages to
 * the Server": a POST of requests is answered with application/json holding their responses): hands the messages
 * to the SDK server and gathers its answers for the endpoint to write. The SDK's own Node transport does the same
 * through a web-standard Request/Response adapter, which costs more than the tool call it carries
 * (docs/BENCHMARKS.md); the HTTP checks it makes are made by the endpoint with the SDK's own rules.
 *
 * Server-to-client requests and notifications have no stream to go to in this mode and are dropped, as the SDK
 * transport drops them in JSON-response mode.
 */
export class JsonExchangeTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #positions = new Map<RequestId, number>();
  #answers: JSONRPCMessage[] = [];
  #left = 0;
  #done: ((answers: JSONRPCMessage[]) => void) | undefined;

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.onclose?.();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (!isJSONRPCResultResponse(message) && !isJSONRPCErrorResponse(message)) return;
    const position = message.id === undefined ? undefined : this.#positions.get(message.id);
    if (position === undefined) return;
    this.#positions.delete(message.id as RequestId);
    this.#answers[position] = message;
    if (--this.#left === 0) this.#done?.(this.#answers);
  }

  /**
   * Delivers the messages and resolves with the answers to its requests, in the order the requests came
   * (empty at once when there are none: notifications and responses only). Request ids must be unique.
   */
  exchange(messages: readonly JSONRPCMessage[]): Promise<JSONRPCMessage[]> {
    const requests = messages.filter(isJSONRPCRequest);
    requests.forEach((request, i) => this.#positions.set(request.id, i));
    this.#left = requests.length;
    this.#answers = new Array<JSONRPCMessage>(requests.length);
    const answered = requests.length ? new Promise<JSONRPCMessage[]>((resolve) => (this.#done = resolve)) : Promise.resolve([]);
    for (const message of messages) this.onmessage?.(message);
    return answered;
  }
}
