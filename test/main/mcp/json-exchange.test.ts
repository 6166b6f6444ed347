import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonExchangeTransport } from '../../../src/main/mcp/json-exchange.ts';

afterEach(() => vi.useRealTimers());

const request = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'get_profile' } });
const timedOut = (id: string | number): JSONRPCMessage => ({ jsonrpc: '2.0', id, error: { code: -32009, message: 'deadline' } });

describe('one POST of JSON-RPC messages, answered', () => {
  it('answers what the server does not within the deadline, so no POST hangs', async () => {
    vi.useFakeTimers();
    const transport = new JsonExchangeTransport();
    transport.onmessage = (message) => {
      // The server answers request 1 at once and never answers request 2.
      if ('id' in message && message.id === 1) void transport.send({ jsonrpc: '2.0', id: 1, result: {} });
    };
    const answers = transport.exchange([request(1), request(2)], { deadlineMs: 130_000, timedOut });
    await vi.advanceTimersByTimeAsync(130_000);
    expect(await answers).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }, timedOut(2)]);
  });

  it('does not wait for a request the same POST cancels, and ignores a late answer to it', async () => {
    const transport = new JsonExchangeTransport();
    const seen: JSONRPCMessage[] = [];
    transport.onmessage = (message) => seen.push(message);
    const cancel: JSONRPCMessage = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 901 } };
    expect(await transport.exchange([request(901), cancel], { deadlineMs: 10, timedOut })).toEqual([]);
    // The server still saw both (it aborts the call).
    expect(seen).toHaveLength(2);
    await transport.send({ jsonrpc: '2.0', id: 901, result: {} });
  });
});
