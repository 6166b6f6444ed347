import type { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { Storage } from '../storage/index.ts';
import { queueMeetingSyncAll } from './meeting-queue.ts';
import { isoInstant } from './time.ts';
import { WORKSPACE_FORMAT, WORKSPACE_VERSION, workspaceFileSchema, type WorkspaceFile } from './workspace-schema.ts';

const ALL = { limit: 10_000_000 };

/** Workspace tables, parents first: the order rows are inserted in, and the reverse of deletion. */
const TABLES = ['studio_profile', 'locations', 'mentors', 'certifications', 'classes', 'sessions', 'crm_clients', 'bookings', 'reviews', 'message_threads', 'messages', 'earnings', 'expenses', 'directory_entries'] as const;

/** Set once the workspace has been filled (demo, import) or deliberately emptied (wipe). */
const INITIALIZED = 'workspace.initialized';

export type WorkspaceCounts = Record<Exclude<keyof WorkspaceFile, 'format' | 'version' | 'exportedAt' | 'subscriptionTier' | 'studio'>, number>;

export function workspaceCounts(file: WorkspaceFile): WorkspaceCounts {
  const { format: _f, version: _v, exportedAt: _e, subscriptionTier: _t, studio: _s, ...tables } = file;
  return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length])) as WorkspaceCounts;
}

/** Which studio the workspace holds: the demo (sample data), the owner's own, or none yet. */
const KIND = 'workspace.kind';

/** True when the workspace was ever filled or wiped on purpose; the demo seeds only an untouched one. */
export function isWorkspaceInitialized(storage: Storage): boolean {
  return storage.settings.get(INITIALIZED, false) || storage.studio.get() !== undefined;
}

export function markWorkspaceInitialized(storage: Storage, kind: 'demo' | 'own' = 'own'): void {
  storage.settings.set(INITIALIZED, true);
  storage.settings.set(KIND, kind);
}

/**
 * 'new' until the owner chose (the desktop app asks on first launch: the demo studio, an empty one, or a file);
 * 'demo' while the sample studio is in use (the panel labels it, and one step replaces it); 'own' after. A workspace
 * filled before this was recorded is the owner's own.
 */
export function workspaceState(storage: Storage): 'new' | 'demo' | 'own' {
  if (!isWorkspaceInitialized(storage)) return 'new';
  return storage.settings.get<'demo' | 'own'>(KIND, 'own');
}

/** Starts a new workspace empty: a studio profile to fill in, and nothing else. */
export function startEmptyWorkspace(storage: Storage, now: number): void {
  if (isWorkspaceInitialized(storage)) throw new DomainError('already_started', 'This workspace already holds a studio. Nothing was changed.');
  storage.transaction(() => {
    storage.studio.save({ name: 'My studio', tagline: '', description: '', website: null, email: null, phone: null, currency: 'EUR', updatedAt: now });
    markWorkspaceInitialized(storage);
  });
}

/** Every studio record, as one JSON-ready object (docs/product.md#workspace: export of the whole workspace). */
export function exportWorkspace(storage: Storage, now: number): WorkspaceFile {
  const mentors = storage.mentors.all();
  const threads = storage.threads.list({}, ALL).items;
  return {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_VERSION,
    exportedAt: isoInstant(now),
    subscriptionTier: storage.settings.get('subscription.tier', 'free'),
    studio: storage.studio.get() ?? null,
    locations: storage.locations.all(),
    mentors,
    certifications: mentors.flatMap((m) => storage.certifications.forMentor(m.id)),
    classes: storage.classes.all(),
    sessions: storage.sessions.list({}, ALL).items,
    clients: storage.customers.list({}, ALL).items,
    bookings: storage.bookings.list({}, ALL).items,
    reviews: storage.reviews.list({}, ALL).items,
    threads,
    messages: threads.flatMap((t) => storage.messages.forThread(t.id)),
    earnings: storage.earnings.list({}, ALL).items,
    expenses: storage.expenses.list({}, ALL).items,
    directory: storage.directory.search({}),
  };
}

/** Where a JSON syntax error is, as "line L, column C" (V8 reports a character position). */
function syntaxErrorAt(text: string, message: string): string {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
  return `${path || 'file'}: ${issue.message}`;
}

/** Empties the workspace tables, queueing the meeting job of every session whose meeting that may change. */
function deleteAll(storage: Storage, nowMs: number): void {
  const sessions = storage.sessions.list({}, ALL).items.map((s) => s.id);
  // While their classes are still there: online sessions losing bookings (queueMeetingSync reads the class).
  queueMeetingSyncAll(storage, storage.bookings.list({}, ALL).items.map((b) => b.sessionId), nowMs);
  for (const table of [...TABLES].reverse()) storage.db.prepare(`DELETE FROM ${table}`).run();
  queueMeetingSyncAll(storage, sessions, nowMs); // gone now: those that had a meeting, for its removal
}

function insertAll(storage: Storage, file: WorkspaceFile, nowMs: number): void {
  const insert = <T>(table: string, rows: readonly T[], write: (row: T) => void) => {
    rows.forEach((row, i) => {
      try {
        write(row);
      } catch (err) {
        const reason = err instanceof Error ? err.message.replace(/^SqliteError: /, '') : String(err);
        throw new DomainError('invalid_workspace', `${table}[${i}]: ${reason} (check the ids it refers to). Nothing was imported.`);
      }
    });
  };
  if (file.studio) storage.studio.save(file.studio);
  insert('locations', file.locations, storage.locations.insert);
  insert('mentors', file.mentors, storage.mentors.insert);
  insert('certifications', file.certifications, storage.certifications.insert);
  insert('classes', file.classes, storage.classes.insert);
  insert('sessions', file.sessions, storage.sessions.insert);
  insert('clients', file.clients, storage.customers.insert);
  insert('bookings', file.bookings, storage.bookings.insert);
  queueMeetingSyncAll(storage, file.bookings.map((b) => b.sessionId), nowMs);
  insert('reviews', file.reviews, storage.reviews.insert);
  insert('threads', file.threads, storage.threads.insert);
  insert('messages', file.messages, storage.messages.insert);
  insert('earnings', file.earnings, storage.earnings.insert);
  insert('expenses', file.expenses, storage.expenses.insert);
  insert('directory', file.directory, storage.directory.insert);
  storage.settings.set('subscription.tier', file.subscriptionTier);
}

/**
 * Replaces the whole workspace with a workspace file, in one transaction: a file that does not parse, does
 * not validate, or breaks a reference is refused with the place at fault, and nothing changes.
 */
export function importWorkspace(storage: Storage, text: string, now: number): WorkspaceCounts {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DomainError('invalid_workspace', `The file is not valid JSON (${syntaxErrorAt(text, err instanceof Error ? err.message : String(err))}). Nothing was imported.`);
  }
  const parsed = workspaceFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map(describeIssue);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new DomainError('invalid_workspace', `The file is not a valid workspace: ${issues.join('; ')}${more}. Nothing was imported.`);
  }
  storage.transaction(() => {
    deleteAll(storage, now * 1000);
    insertAll(storage, parsed.data, now * 1000);
    markWorkspaceInitialized(storage);
  });
  return workspaceCounts(parsed.data);
}

/**
 * Empties the workspace (docs/product.md#workspace: wipe and start empty). The owner's account, settings, connected apps
 * and audit log stay; the studio keeps its currency and gets a blank profile.
 */
export function wipeWorkspace(storage: Storage, now: number): WorkspaceCounts {
  const before = workspaceCounts(exportWorkspace(storage, now));
  const currency = storage.studio.get()?.currency ?? 'EUR';
  storage.transaction(() => {
    deleteAll(storage, now * 1000);
    storage.studio.save({ name: 'My studio', tagline: '', description: '', website: null, email: null, phone: null, currency, updatedAt: now });
    markWorkspaceInitialized(storage);
  });
  return before;
}
