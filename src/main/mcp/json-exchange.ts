import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isJSONRPCErrorResponse, isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';

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
  #answers: (JSONRPCMessage | undefined)[] = [];
  #left = 0;
  #done: (() => void) | undefined;

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.onclose?.();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (!isJSONRPCResultResponse(message) && !isJSONRPCErrorResponse(message)) return;
    const position = message.id === undefined ? undefined : this.#positions.get(message.id);
    if (position === undefined) return;
    this.#answer(position, message);
  }

  #answer(position: number, message: JSONRPCMessage): void {
    const id = (message as { id: RequestId }).id;
    if (!this.#positions.delete(id)) return;
    this.#answers[position] = message;
    if (--this.#left === 0) this.#done?.();
  }

  /**
   * Delivers the messages and resolves with the answers to its requests, in the order the requests came (empty at
   * once when there are none: notifications and responses only). Request ids must be unique.
   * - A request the same POST cancels (`notifications/cancelled`) gets no answer (MCP "Cancellation": the receiver
   *   does not respond to a cancelled request), and is not waited for.
   * - Whatever is still unanswered after `deadlineMs` gets `timedOut(id)` as its answer: every POST is answered.
   */
  exchange(messages: readonly JSONRPCMessage[], options: { deadlineMs: number; timedOut: (id: RequestId) => JSONRPCMessage }): Promise<JSONRPCMessage[]> {
    const cancelled = new Set(messages.filter(isJSONRPCNotification).filter((m) => m.method === 'notifications/cancelled').map((m) => (m.params as { requestId?: RequestId } | undefined)?.requestId));
    const requests = messages.filter(isJSONRPCRequest).filter((request) => !cancelled.has(request.id));
    requests.forEach((request, i) => this.#positions.set(request.id, i));
    this.#left = requests.length;
    this.#answers = new Array<JSONRPCMessage | undefined>(requests.length);
    const answered = new Promise<JSONRPCMessage[]>((resolve) => {
      const finish = () => resolve(this.#answers.filter((answer) => answer !== undefined));
      if (this.#left === 0) return finish();
      const timer = setTimeout(() => {
        for (const [id, position] of [...this.#positions]) this.#answer(position, options.timedOut(id));
      }, options.deadlineMs);
      this.#done = () => {
        clearTimeout(timer);
        finish();
      };
    });
    for (const message of messages) this.onmessage?.(message);
    return answered;
  }
}
