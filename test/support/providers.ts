import type { GoogleEmulator } from '../emulators/google.ts';
import type { ZoomEmulator } from '../emulators/zoom.ts';
import type { TestGateway } from './gateway.ts';

type OAuthEmulator = GoogleEmulator | ZoomEmulator;

/** The owner enters the OAuth app they registered (here: the emulator's), as on the Connections page. */
export async function configureApp(tg: TestGateway, provider: 'google' | 'zoom', emulator: OAuthEmulator) {
  return tg.owner.ok('connections.configureApp', {
    provider,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    authorizeUrl: emulator.authorizeUrl,
    tokenUrl: emulator.tokenUrl,
    revokeUrl: emulator.revokeUrl,
    apiBase: emulator.apiBase,
  });
}

export interface SignIn {
  authorizeUrl: URL;
  /** Where the provider sent the browser back (the gateway's callback), with code and state. */
  callbackUrl: URL;
  status: number;
  page: string;
}

/**
 * Clicks Connect, then plays the owner's browser: opens the provider's sign-in page (the emulator answers "Allow"
 * with a redirect), follows it to the gateway's callback, and returns the page shown there.
 */
export async function signIn(tg: TestGateway, provider: 'google' | 'zoom'): Promise<SignIn> {
  const { authorizeUrl } = await tg.owner.ok('connections.connect', { provider });
  const atProvider = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = atProvider.headers.get('location');
  if (atProvider.status !== 302 || !location) throw new Error(`the provider did not redirect: ${atProvider.status} ${await atProvider.text()}`);
  const callbackUrl = new URL(location);
  const back = await fetch(callbackUrl, { redirect: 'manual' });
  return { authorizeUrl: new URL(authorizeUrl), callbackUrl, status: back.status, page: await back.text() };
}

/** Configures the app and connects, failing the test unless it worked. */
export async function connectOAuth(tg: TestGateway, provider: 'google' | 'zoom', emulator: OAuthEmulator): Promise<SignIn> {
  await configureApp(tg, provider, emulator);
  const result = await signIn(tg, provider);
  if (result.status !== 200) throw new Error(`connecting ${provider} failed: ${result.status} ${result.page}`);
  return result;
}

export async function connection(tg: TestGateway, provider: 'google' | 'apple' | 'zoom') {
  const overview = await tg.owner.ok('connections.list');
  const found = overview.providers.find((p) => p.provider === provider);
  if (!found) throw new Error(`no ${provider} row`);
  return found;
}

/** Runs the background jobs that are due, as the gateway's own loop would within a second. */
export function drain(tg: TestGateway): Promise<number> {
  return tg.gateway.providers.jobs.drain();
}

/** Brings every waiting retry forward to now (as a new change to the same session would), then runs them. */
export async function retryNow(tg: TestGateway): Promise<number> {
  const storage = tg.gateway.services.storage;
  for (const job of storage.jobs.recent(1000)) if (job.status === 'queued') storage.jobs.enqueue(job.kind, job.subject, 0);
  return drain(tg);
}
