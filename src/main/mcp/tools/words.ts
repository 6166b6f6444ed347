import type { Sentence, SentencePart } from '../../../shared/sentence.ts';
import type { Services } from '../../services.ts';
import { escapeUnsafeCharacters } from '../../unsafe-text.ts';
import type { Deed } from '../tool.ts';

// The pieces tools describe their calls with (tool.ts `describe`): sentences with names marked, counts, times and
// money as the owner reads them, and the records several tools name (a booking, a session, a client).

/** A record's name in a sentence: the panel shows it in bold. */
export const named = (text: string): SentencePart => ({ text, name: true });

/**
 * A sentence from a template: strings and numbers are plain text, `named(…)` parts stay names. What is put into it is
 * data (an agent's input, a synced record): a line break or a bidirectional override in it is shown as \uXXXX, so it
 * can neither forge a line in a notification or the log nor reorder what the owner reads in the approval dialog.
 */
export function say(strings: TemplateStringsArray, ...values: (string | number | SentencePart)[]): Sentence {
  const parts: SentencePart[] = [];
  const add = (part: SentencePart) => {
    if (part.text === '') return;
    const last = parts.at(-1);
    if (last && !last.name && !part.name) parts[parts.length - 1] = { text: last.text + part.text };
    else parts.push(part);
  };
  strings.forEach((text, i) => {
    add({ text });
    const value = values[i];
    if (value !== undefined) add(typeof value === 'object' ? { ...value, text: escapeUnsafeCharacters(value.text) } : { text: escapeUnsafeCharacters(String(value)) });
  });
  return parts;
}

/** A call in words: the owner's request and the log's past tense. */
export const deed = (ask: Sentence, did: string): Deed => ({ ask, did: escapeUnsafeCharacters(did) });

/** "no bookings", "1 booking", "14 bookings". */
export const counted = (n: number, one: string, many: string) => `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;

/** "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The fields a change names, as words: `{ price_cents, mentor_id }` → "price and mentor". */
export function changedFields(changes: object, words: Record<string, string> = {}): string {
  const given = Object.entries(changes).filter(([, value]) => value !== undefined).map(([key]) => words[key] ?? key.replace(/_id$|_ids$|_cents$/, '').replace(/_/g, ' '));
  return listed(given);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The parts of an instant in a time zone (en-US names: "Sep", where en-GB now writes "Sept"). */
function partsIn(epochMs: number, timeZone: string): Record<string, string> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    formats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
}

/** A session's start as a studio owner writes it, in the class's time zone: "Tue 3 Dec 09:00". */
export function when(epochSeconds: number, timeZone: string): string {
  const part = partsIn(epochSeconds * 1000, timeZone);
  return `${part.weekday} ${part.day} ${part.month} ${part.hour}:${part.minute}`;
}

/** A calendar day (YYYY-MM-DD) as the owner writes it: "Wed 2 Dec 2026". */
export function day(isoDate: string): string {
  const part = partsIn(Date.parse(`${isoDate}T12:00:00Z`), 'UTC');
  return `${part.weekday} ${part.day} ${part.month} ${part.year}`;
}

/** An amount in the studio's currency: "€45.00". */
export function money(cents: number, services: Services): string {
  const currency = services.storage.studio.get()?.currency ?? 'EUR';
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

/** A session by id, as its class and time: undefined when either is missing. */
export function sessionNamed(services: Services, sessionId: string): { title: string; at: string; sessionId: string } | undefined {
  const session = services.storage.sessions.find(sessionId);
  const cls = session && services.storage.classes.find(session.classId);
  return session && cls ? { title: cls.title, at: when(session.startsAt, cls.timezone), sessionId } : undefined;
}

/** A booking by id, as who is booked on which session: "Ben Ortiz", "Morning Flow", "Tue 3 Dec 09:00". */
export function bookingNamed(services: Services, bookingId: string): { client: string; title: string; at: string; priceCents: number } | undefined {
  const booking = services.storage.bookings.find(bookingId);
  const client = booking && services.storage.customers.find(booking.clientId);
  const session = booking && sessionNamed(services, booking.sessionId);
  return booking && client && session ? { client: client.name, title: session.title, at: session.at, priceCents: booking.priceCents } : undefined;
}

/** A client's name by id. */
export const clientName = (services: Services, clientId: string): string | undefined => services.storage.customers.find(clientId)?.name;

/** A class's title by id. */
export const classTitle = (services: Services, classId: string): string | undefined => services.storage.classes.find(classId)?.title;

/** The mentor a call names, or the owner's own mentor profile when it names none. */
export function mentorName(services: Services, mentorId: string | undefined): string | undefined {
  const mentor = mentorId === undefined ? services.storage.mentors.all().find((m) => m.isOwner) : services.storage.mentors.find(mentorId);
  return mentor?.name;
}
