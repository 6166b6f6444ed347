import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../../src/main/mcp/tool.ts';
import { describeCall, summaryOf } from '../../../src/main/mcp/tool-words.ts';
import { TOOLS } from '../../../src/main/mcp/tools/index.ts';
import type { Services } from '../../../src/main/services.ts';
import { zonedParts } from '../../../src/main/studio/time.ts';
import { plainText } from '../../../src/shared/sentence.ts';
import { bookingWhere } from '../../support/demo-lookups.ts';
import { defined } from '../../support/defined.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { TOOL_EXAMPLES } from '../../support/tool-examples/index.ts';

// Every call in the owner's words, read from the demo studio in a real SQLite file: the sentences name the real
// records and the size of the change, and never show an id, a secret, or the text of a note or a message.

let tg: TestGateway;
let services: Services;
beforeAll(async () => {
  tg = await startTestGateway();
  services = tg.gateway.services;
});
afterAll(async () => {
  await tg.close();
});

const tool = (name: string): ToolDefinition => defined(TOOLS.find((t) => t.name === name), name);
const count = (sql: string, ...params: unknown[]) => services.storage.db.prepare<unknown[], { n: number }>(sql).get(...params)?.n ?? 0;
/** How the owner reads a count: "no bookings", "1 booking", "3 bookings". */
const amount = (n: number, one: string) => `${n === 0 ? 'no' : n} ${one}${n === 1 ? '' : 's'}`;
/** A record id as the studio makes them (ids.ts): a prefix and 16 hex digits. */
const AN_ID = /\b[a-z]{3}_[0-9a-f]{16}\b/;

it('has a describer for every tool that changes something, so every call that can wait for the owner is put in words', () => {
  expect(TOOLS.filter((t) => !t.annotations.readOnlyHint && !t.describe).map((t) => t.name)).toEqual([]);
  const destructive = TOOLS.filter((t) => t.annotations.destructiveHint);
  expect(destructive.length).toBeGreaterThan(5);
  expect(destructive.filter((t) => !t.describe).map((t) => t.name)).toEqual([]);
});

describe.each(TOOLS.map((t) => [t.name, t] as const))('%s', (_name, t) => {
  it('puts its example call in words without ids, secrets, or the text of notes and messages', () => {
    const args = t.input.parse(defined(TOOL_EXAMPLES[t.name], t.name).args(services)) as Record<string, unknown>;
    const words = describeCall(t, args, services);
    const ask = plainText(words.ask);
    for (const text of [ask, words.did ?? '', summaryOf(words, 'refused') ?? '']) {
      expect(text, t.name).not.toMatch(AN_ID);
      for (const field of t.sensitive ?? []) expect(text, `${t.name} ${field}`).not.toContain(String(args[field]));
    }
    if (t.annotations.readOnlyHint) return;
    // A change is described by its own describer: a request with a name in it and a sentence for the log.
    expect(ask).not.toBe(t.title);
    expect(ask.charAt(0)).toMatch(/[A-Z]/);
    expect(words.ask.some((part) => part.name && part.text.trim() !== '')).toBe(true);
    expect(words.did).toMatch(/^[a-z]/);
  });
});

describe('the sentences name the real records', () => {
  it('delete_client: the client, the bookings that go with them and their notes', () => {
    const client = defined(
      services.storage.customers.list({}, { limit: 500 }).items.find((c) => c.notes.trim() !== '' && count('SELECT count(*) AS n FROM bookings WHERE client_id = ?', c.id) > 1),
      'a client with notes and bookings',
    );
    const bookings = count('SELECT count(*) AS n FROM bookings WHERE client_id = ?', client.id);
    const words = describeCall(tool('delete_client'), { client_id: client.id }, services);
    expect(words.ask).toEqual([{ text: 'Delete client ' }, { text: client.name, name: true }, { text: ` — ${bookings} bookings and notes` }]);
    expect(words.did).toBe(`deleted client ${client.name} and ${bookings} bookings`);
    expect(summaryOf(words, 'refused')).toBe(`tried to delete client ${client.name} — ${bookings} bookings and notes`);
  });

  it("cancel_booking: whose booking, in which class, when (in the class's own time zone)", () => {
    const booking = bookingWhere(services, (b, session) => b.status === 'confirmed' && session.startsAt > services.now());
    const session = defined(services.storage.sessions.find(booking.sessionId), 'session');
    const cls = defined(services.storage.classes.find(session.classId), 'class');
    const client = defined(services.storage.customers.find(booking.clientId), 'client');
    const local = zonedParts(session.startsAt, cls.timezone);
    const words = describeCall(tool('cancel_booking'), { booking_id: booking.id }, services);
    expect(words.ask.filter((part) => part.name).map((part) => part.text)).toEqual([client.name, cls.title]);
    const day = Number(local.date.slice(8));
    expect(plainText(words.ask)).toMatch(new RegExp(`^Cancel ${client.name}'s booking in ${cls.title} on [A-Z][a-z]{2} ${day} [A-Z][a-z]{2} ${local.time}$`));
    expect(words.did).toBe(`c${plainText(words.ask).slice(1).replace(/^ancel/, 'ancelled')}`);
  });

  it('cancel_session: the class, the time and how many bookings are cancelled with it', () => {
    const booking = bookingWhere(services, (b, session) => b.status === 'confirmed' && session.startsAt > services.now() && session.status === 'scheduled');
    const live = count("SELECT count(*) AS n FROM bookings WHERE session_id = ? AND status <> 'cancelled'", booking.sessionId);
    const title = defined(services.storage.classes.find(defined(services.storage.sessions.find(booking.sessionId), 'session').classId), 'class').title;
    const words = describeCall(tool('cancel_session'), { session_id: booking.sessionId }, services);
    expect(plainText(words.ask)).toMatch(new RegExp(`^Cancel the ${title} session on .+ — ${live} booking${live === 1 ? '' : 's'} cancelled with it$`));
  });

  it('delete_class: the class with its sessions and bookings counted', () => {
    const cls = defined(services.storage.classes.all()[0], 'a class');
    const sessions = count('SELECT count(*) AS n FROM sessions WHERE class_id = ?', cls.id);
    const bookings = count('SELECT count(*) AS n FROM bookings b JOIN sessions s ON s.id = b.session_id WHERE s.class_id = ?', cls.id);
    const words = describeCall(tool('delete_class'), { class_id: cls.id }, services);
    expect(plainText(words.ask)).toBe(`Delete the class ${cls.title} — ${amount(sessions, 'session')} and ${amount(bookings, 'booking')}`);
  });

  it('update_client_notes and send_message: who, never what was written', () => {
    const client = defined(services.storage.customers.list({}, { limit: 1 }).items[0], 'a client');
    const note = describeCall(tool('update_client_notes'), { client_id: client.id, notes: 'Knee surgery in May', mode: 'append' }, services);
    expect(note).toEqual({ ask: [{ text: 'Add a note to ' }, { text: client.name, name: true }], did: `added a note to ${client.name}` });
    const replace = describeCall(tool('update_client_notes'), { client_id: client.id, notes: 'x', mode: 'replace' }, services);
    expect(replace.did).toBe(`replaced the notes on ${client.name}`);
    const thread = defined(services.storage.threads.list({}, { limit: 50 }).items.find((t) => t.clientId !== null), 'a thread with a client');
    const name = defined(services.storage.customers.find(thread.clientId ?? ''), 'its client').name;
    const message = describeCall(tool('send_message'), { thread_id: thread.id, body: 'Your refund is on its way' }, services);
    expect(message.did).toBe(`sent a message to ${name}`);
    expect(JSON.stringify(message)).not.toContain('refund');
  });

  it('a record that does not exist: asked by the tool title, and no sentence for the log', () => {
    const words = describeCall(tool('delete_client'), { client_id: 'cli_0000000000000000' }, services);
    expect(words).toEqual({ ask: [{ text: 'Delete a client' }], did: null });
    expect(summaryOf(words, 'refused')).toBeNull();
  });

  it('reads without names say what the app looked at', () => {
    expect(describeCall(tool('list_classes'), { limit: 20 }, services)).toEqual({ ask: [{ text: 'List classes' }], did: 'looked at your classes' });
    expect(describeCall(tool('list_bookings'), { limit: 20 }, services).did).toBe('looked at your bookings');
    const cls = defined(services.storage.classes.all()[0], 'a class');
    expect(describeCall(tool('list_bookings'), { limit: 20, class_id: cls.id }, services).did).toBe(`looked at the bookings of ${cls.title}`);
    const client = defined(services.storage.customers.list({}, { limit: 1 }).items[0], 'a client');
    expect(describeCall(tool('get_client'), { client_id: client.id }, services).did).toBe(`looked at client ${client.name}`);
  });
});
