import { exportPublicKey, generatePanelKey, signRequest, type PanelKey } from '../../../shared/panel-auth.ts';

/**
 * The web panel's sign-in (headless mode only; the desktop window talks IPC). The sign-in link carries a one-time
 * key in its fragment; this page trades it, with the public half of a fresh non-extractable P-256 key, for a
 * session, keeps the private key in this origin's IndexedDB (browsers isolate it by scheme, host *and* port), and
 * signs every request with it. No cookie exists, so nothing reaches other loopback ports by itself.
 */

interface StoredSession {
  sessionId: string;
  /** Non-extractable: this page can sign with it, nothing can read it out. */
  privateKey: PanelKey;
}

const DB_NAME = 'studio-gateway-panel';
const STORE = 'session';
const RECORD = 'current';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, operation: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = operation(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

/** Why the panel shows the sign-in page. */
export interface SignedOut {
  message: string | null;
}

const listeners = new Set<(state: SignedOut) => void>();
let current: Promise<StoredSession | undefined> | undefined;

function stored(): Promise<StoredSession | undefined> {
  current ??= withStore<StoredSession | undefined>('readonly', (store) => store.get(RECORD)).catch(() => undefined);
  return current;
}

/**
 * Forgets this browser's session (signed out here or at the gateway) and shows the sign-in page. With `sessionId`,
 * only if that is still the session stored: a tab that wakes up late must not delete a newer sign-in's key; it goes
 * on with the newer one instead.
 */
export async function endSession(message: string | null, sessionId?: string): Promise<void> {
  // What the browser holds now (another tab may have signed in since this one read it).
  const held = await withStore<StoredSession | undefined>('readonly', (store) => store.get(RECORD)).catch(() => undefined);
  if (sessionId !== undefined && held !== undefined && held.sessionId !== sessionId) {
    current = Promise.resolve(held); // signed in again elsewhere meanwhile: go on with that sign-in
    return;
  }
  current = Promise.resolve(undefined);
  await withStore('readwrite', (store) => store.delete(RECORD)).catch(() => undefined);
  for (const listener of listeners) listener({ message });
}

export function onSignedOut(listener: (state: SignedOut) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The one-time key from a sign-in link, taken out of the address bar (and this page's history entry) at once. */
export function takeLoginKey(): string | undefined {
  const match = /^#login=([A-Za-z0-9_-]{43})$/.exec(window.location.hash);
  if (!match) return undefined;
  history.replaceState(null, '', `${window.location.pathname}#/overview`);
  return match[1];
}

/** Trades a login key for a session bound to a key pair made here; the private key never leaves this browser. */
export async function signIn(loginKey: string): Promise<void> {
  const { publicKey, privateKey } = await generatePanelKey();
  const response = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginKey, publicKey: await exportPublicKey(publicKey) }),
  });
  const answer = (await response.json()) as { ok: boolean; result?: { sessionId: string }; error?: { message: string } };
  if (!answer.ok || !answer.result) throw new Error(answer.error?.message ?? `Sign-in failed (${response.status}).`);
  const session: StoredSession = { sessionId: answer.result.sessionId, privateKey };
  await withStore('readwrite', (store) => store.put(session, RECORD));
  current = Promise.resolve(session);
}

export async function isSignedIn(): Promise<boolean> {
  return (await stored()) !== undefined;
}

/** A request of the owner's: signed with this browser's key; a refusal of the session signs the panel out. */
export async function signedFetch(path: string, init: { method: 'GET' | 'POST'; body?: string; contentType?: string }): Promise<Response> {
  const session = await stored();
  if (!session) {
    await endSession(null);
    throw new Error('Not signed in.');
  }
  const url = new URL(path, window.location.origin).href;
  const signature = await signRequest(session.privateKey, session.sessionId, { method: init.method, url, ...(init.body === undefined ? {} : { body: init.body }) });
  const response = await fetch(url, {
    method: init.method,
    headers: { ...signature, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  if (response.status === 401) {
    const answer = (await response.clone().json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (answer.error?.code === 'session_ended' || answer.error?.code === 'not_signed_in') await endSession(answer.error.message ?? null, session.sessionId);
  }
  return response;
}

/**
 * The panel registers no service worker; one found in its origin was put there by someone else (a program that held
 * this port before). It is removed, and the caller treats the browser's stored session as no longer its own.
 */
async function removeForeignWorkers(): Promise<boolean> {
  const registrations = (await navigator.serviceWorker?.getRegistrations().catch(() => [])) ?? [];
  await Promise.all(registrations.map((registration) => registration.unregister()));
  return registrations.length > 0;
}

/**
 * Once per page load: signs in with the link's key if the address carries one, else goes on with the session this
 * browser already holds. Resolves to null when signed in, or to why the sign-in page is shown.
 */
export async function startSession(): Promise<SignedOut | null> {
  const loginKey = takeLoginKey();
  if (await removeForeignWorkers()) {
    await endSession(null);
    return { message: 'A program on this computer had put a background script in the control panel’s address. It was removed, and this browser was signed out: open a new sign-in link.' };
  }
  if (loginKey) {
    try {
      await signIn(loginKey);
      return null;
    } catch (err) {
      if (await isSignedIn()) return null;
      return { message: err instanceof Error ? err.message : String(err) };
    }
  }
  return (await isSignedIn()) ? null : { message: null };
}
