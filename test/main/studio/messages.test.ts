import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../../src/main/storage/threads-repo.ts';
import { isoInstant } from '../../../src/main/studio/time.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, tokenWithScopes } from '../../support/mcp-agent.ts';

// The inbox through the real MCP SDK client over HTTP, checked against the database itself.

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  // delete:messages implies write and read (additive tiers), so one client can call every tool here.
  agent = await bearerClient(tg.gateway.mcpUrl, await tokenWithScopes(tg, ['delete:messages']));
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

interface ThreadResult {
  id: string;
  client_id: string | null;
  counterpart: string;
  subject: string;
  message_count: number;
  last_message: { direction: string; preview: string; sent_at: string } | null;
  updated_at: string;
}
interface MessageResult {
  id: string;
  direction: string;
  body: string;
  sent_at: string;
}

function textOf(result: ToolResult): string {
  return (result.content as { text?: string }[]).map((c) => c.text ?? '').join('\n');
}

async function ok<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await agent.callTool({ name, arguments: args });
  expect(result.isError, textOf(result)).toBeFalsy();
  return result.structuredContent as T;
}

async function refused(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await agent.callTool({ name, arguments: args });
  expect(result.isError, `${name} ${JSON.stringify(args)} was not refused`).toBe(true);
  return textOf(result);
}

const storage = () => tg.gateway.services.storage;
const allThreads = (): Thread[] => storage().threads.list({}, { limit: 1000 }).items;
const inboxRows = () => ({
  threads: storage().db.prepare('SELECT * FROM message_threads ORDER BY id').all(),
  messages: storage().db.prepare('SELECT * FROM messages ORDER BY id').all(),
});

function threadWhere(predicate: (t: Thread) => boolean): Thread {
  const thread = allThreads().find(predicate);
  if (!thread) throw new Error('no thread matches');
  return thread;
}

function clientWithoutThreads(): string {
  const withThreads = new Set(allThreads().map((t) => t.clientId));
  const client = storage().customers.list({}, { limit: 1000 }).items.find((c) => !withThreads.has(c.id));
  if (!client) throw new Error('every client has a thread');
  return client.id;
}

async function listThreads(args: Record<string, unknown> = {}): Promise<ThreadResult[]> {
  return (await ok<{ threads: ThreadResult[] }>('list_threads', { limit: 100, ...args })).threads;
}

describe('list_threads', () => {
  it('lists every thread, most recently active first, with its message count and last message', async () => {
    const threads = await listThreads();
    expect(threads).toHaveLength(10);
    expect(threads.map((t) => t.updated_at)).toEqual([...threads.map((t) => t.updated_at)].sort().reverse());
    for (const t of threads) {
      const messages = storage().messages.forThread(t.id);
      const last = messages.at(-1);
      expect(t.message_count).toBe(messages.length);
      expect(t.last_message).toEqual(last ? { direction: last.direction, preview: last.body.slice(0, 120), sent_at: isoInstant(last.sentAt) } : null);
    }
    expect(threads.some((t) => t.client_id === null)).toBe(true);
    expect(threads.some((t) => t.client_id !== null)).toBe(true);
  });

  it('previews only the first 120 characters of a long last message', async () => {
    const thread = threadWhere(() => true);
    const body = `${'Namaste. '.repeat(20)}The end.`;
    await ok('send_message', { thread_id: thread.id, body });
    const listed = (await listThreads()).find((t) => t.id === thread.id);
    expect(listed?.last_message?.preview).toBe(body.slice(0, 120));
    expect(listed?.last_message?.preview).toHaveLength(120);
  });

  it('lists only the threads with one client when client_id is given', async () => {
    const thread = threadWhere((t) => t.clientId !== null);
    const listed = await listThreads({ client_id: thread.clientId });
    expect(listed.map((t) => t.id).sort()).toEqual(allThreads().filter((t) => t.clientId === thread.clientId).map((t) => t.id).sort());
    expect(listed.every((t) => t.client_id === thread.clientId)).toBe(true);
    expect(await listThreads({ client_id: clientWithoutThreads() })).toEqual([]);
  });

  it('answers not found for an unknown client', async () => {
    expect(await refused('list_threads', { client_id: 'cli_missing' })).toBe('client_id: there is no client cli_missing.');
  });
});

describe('get_thread', () => {
  it('returns the thread with all its messages in the order they were sent', async () => {
    const thread = threadWhere((t) => storage().messages.forThread(t.id).length >= 3);
    const result = await ok<ThreadResult & { messages: MessageResult[] }>('get_thread', { thread_id: thread.id });
    expect(result).toMatchObject({ id: thread.id, subject: thread.subject, counterpart: thread.counterpart });
    expect(result.messages).toEqual(storage().messages.forThread(thread.id).map((m) => ({ id: m.id, direction: m.direction, body: m.body, sent_at: isoInstant(m.sentAt) })));
    const times = result.messages.map((m) => m.sent_at);
    expect(times).toEqual([...times].sort());
  });

  it('answers not found for an unknown thread', async () => {
    expect(await refused('get_thread', { thread_id: 'thr_missing' })).toBe('There is no thread thr_missing.');
  });
});

describe('send_message', () => {
  it('replies in an inquiry thread as the studio and moves the thread to the top of the inbox', async () => {
    const thread = threadWhere((t) => t.clientId === null && t.updatedAt < tg.gateway.services.now() - 3600);
    const countBefore = storage().messages.forThread(thread.id).length;
    const before = tg.gateway.services.now();
    const result = await ok<{ thread: ThreadResult; message: MessageResult; thread_created: boolean }>('send_message', { thread_id: thread.id, body: ' Yes, gift cards are at the desk. ' });
    expect(result.thread_created).toBe(false);
    expect(result.message).toMatchObject({ direction: 'outbound', body: 'Yes, gift cards are at the desk.' });
    const messages = storage().messages.forThread(thread.id);
    expect(messages).toHaveLength(countBefore + 1);
    expect(messages.at(-1)).toMatchObject({ id: result.message.id, direction: 'outbound', body: 'Yes, gift cards are at the desk.' });
    expect(storage().threads.find(thread.id)?.updatedAt).toBeGreaterThanOrEqual(before);
    expect((await listThreads())[0]?.id).toBe(thread.id);
  });

  it('starts a new thread with a CRM client, named after them', async () => {
    const clientId = clientWithoutThreads();
    const client = storage().customers.find(clientId);
    const result = await ok<{ thread: ThreadResult; message: MessageResult; thread_created: boolean }>('send_message', {
      client_id: clientId,
      subject: 'Your next class',
      body: 'See you on Saturday!',
    });
    expect(result.thread_created).toBe(true);
    expect(result.thread).toMatchObject({ client_id: clientId, counterpart: client?.name, subject: 'Your next class', message_count: 1 });
    expect(storage().threads.find(result.thread.id)).toMatchObject({ clientId, counterpart: client?.name, subject: 'Your next class' });
    expect(storage().messages.forThread(result.thread.id)).toEqual([expect.objectContaining({ direction: 'outbound', body: 'See you on Saturday!' })]);
    expect((await listThreads({ client_id: clientId })).map((t) => t.id)).toEqual([result.thread.id]);
  });

  it('refuses ambiguous, incomplete or bad input with an error naming the problem, sending nothing', async () => {
    const thread = threadWhere(() => true);
    const clientId = clientWithoutThreads();
    const rows = inboxRows();
    expect(await refused('send_message', { thread_id: thread.id, client_id: clientId, subject: 'Hi', body: 'Hello' })).toContain('thread_id and client_id were both given');
    expect(await refused('send_message', { body: 'Hello' })).toContain('Neither thread_id nor client_id was given');
    expect(await refused('send_message', { client_id: clientId, body: 'Hello' })).toContain('subject: a new thread needs a subject');
    expect(await refused('send_message', { thread_id: thread.id, subject: 'New subject', body: 'Hello' })).toMatch(/^subject: a reply keeps its thread's subject/);
    expect(await refused('send_message', { thread_id: 'thr_missing', body: 'Hello' })).toContain('thread_id: there is no thread thr_missing');
    expect(await refused('send_message', { thread_id: thread.id, body: '  ' })).toMatch(/body:/);
    expect(await refused('send_message', { thread_id: thread.id })).toMatch(/body:/);
    expect(await refused('send_message', { thread_id: thread.id, body: 'x'.repeat(5001) })).toMatch(/body:/);
    expect(await refused('send_message', { client_id: clientId, subject: '', body: 'Hello' })).toMatch(/subject:/);
    expect(inboxRows()).toEqual(rows);
  });

  it('refuses to start a thread with someone who is not a client, pointing to a reply instead', async () => {
    const rows = inboxRows();
    const message = await refused('send_message', { client_id: 'cli_stranger', subject: 'Hello', body: 'Want to try a class?' });
    expect(message).toContain('there is no client cli_stranger');
    expect(message).toContain('can only be answered in their own thread (thread_id)');
    expect(inboxRows()).toEqual(rows);
  });

  it('accepts a body of exactly 5000 characters', async () => {
    const thread = threadWhere(() => true);
    const result = await ok<{ message: MessageResult }>('send_message', { thread_id: thread.id, body: 'z'.repeat(5000) });
    expect(storage().messages.find(result.message.id)?.body).toHaveLength(5000);
  });
});

describe('delete_message and delete_thread', () => {
  it('deletes one message and keeps its thread and the other messages', async () => {
    const thread = threadWhere((t) => storage().messages.forThread(t.id).length >= 2);
    const [first, ...rest] = storage().messages.forThread(thread.id);
    if (!first) throw new Error('empty thread');
    const total = inboxRows().messages.length;
    expect(await ok('delete_message', { message_id: first.id })).toEqual({ deleted: first.id, thread_id: thread.id, messages_left: rest.length });
    expect(storage().messages.find(first.id)).toBeUndefined();
    expect(storage().messages.forThread(thread.id)).toEqual(rest);
    expect(storage().threads.find(thread.id)).toEqual(thread);
    expect(inboxRows().messages).toHaveLength(total - 1);
  });

  it('deletes a thread with every message in it, and nothing else', async () => {
    const thread = threadWhere((t) => storage().messages.forThread(t.id).length >= 2);
    const count = storage().messages.forThread(thread.id).length;
    const before = inboxRows();
    expect(await ok('delete_thread', { thread_id: thread.id })).toEqual({ deleted: thread.id, messages_deleted: count });
    expect(storage().threads.find(thread.id)).toBeUndefined();
    expect(storage().messages.forThread(thread.id)).toEqual([]);
    const after = inboxRows();
    expect(after.threads).toHaveLength(before.threads.length - 1);
    expect(after.messages).toHaveLength(before.messages.length - count);
  });

  it('refuses unknown ids, deleting nothing', async () => {
    const rows = inboxRows();
    expect(await refused('delete_message', { message_id: 'msg_missing' })).toBe('There is no message msg_missing.');
    expect(await refused('delete_thread', { thread_id: 'thr_missing' })).toBe('There is no thread thr_missing.');
    expect(inboxRows()).toEqual(rows);
  });
});
