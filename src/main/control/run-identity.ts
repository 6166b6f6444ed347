import { generateKeyPairSync, sign, verify, createPublicKey, randomBytes, type JsonWebKey } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/respond.ts';
import type { Clock } from '../../shared/clock.ts';
import type { SettingsRepo } from '../storage/settings-repo.ts';

/** Where the running gateway writes how to reach it and how to recognise it (the data folder is the owner's alone). */
const RUN_SETTING = 'gateway.run';
const PROOF_CONTEXT = 'studio-gateway run proof:';

export interface RunRecord {
  /** The control panel's origin this run (a port of its own, new at every start). */
  panelOrigin: string;
  /** The public half of a key made at start and kept in memory only: only this run can sign with it. */
  publicKey: JsonWebKey;
  startedAt: string;
}

/**
 * Lets `studio-gateway panel-link` (another process, reading the same database) check that what answers at the
 * panel's address is this data folder's running gateway before it prints a sign-in link there: whoever holds a port
 * once the gateway has stopped — another user's process — could otherwise receive the link's key. The gateway signs
 * the CLI's random challenge with an Ed25519 key that never leaves its memory; the CLI checks it against the public
 * key this run wrote to the database.
 */
export function createRunIdentity(settings: SettingsRepo, clock: Clock) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    /** Writes this run's record, once the panel's port is known. */
    record(panelOrigin: string): void {
      const entry: RunRecord = { panelOrigin, publicKey: publicKey.export({ format: 'jwk' }), startedAt: new Date(clock.nowMs()).toISOString() };
      settings.set(RUN_SETTING, entry);
    },

    /** GET /api/run-proof?challenge=…: the challenge signed with this run's key. */
    handleProof(req: IncomingMessage, res: ServerResponse): void {
      const challenge = new URL(req.url ?? '/', 'http://x').searchParams.get('challenge') ?? '';
      if (req.method !== 'GET' || !/^[A-Za-z0-9_-]{22,64}$/.test(challenge)) {
        sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'GET with a challenge of 22 to 64 URL-safe characters.' } });
        return;
      }
      sendJson(res, 200, { ok: true, result: { signature: sign(null, Buffer.from(PROOF_CONTEXT + challenge), privateKey).toString('base64url') } });
    },
  };
}
export type RunIdentity = ReturnType<typeof createRunIdentity>;

/**
 * The panel origin of this data folder's running gateway, after it proved who it is; or why there is none. Used by
 * the CLI, which shares only the database with the gateway.
 */
export async function findRunningGateway(settings: SettingsRepo, timeoutMs = 3000): Promise<{ panelOrigin: string } | { problem: string }> {
  const run = settings.get<RunRecord | null>(RUN_SETTING, null);
  if (!run) return { problem: 'no gateway has run with this data folder yet; start one with `studio-gateway serve` (or the desktop app)' };
  const challenge = randomBytes(24).toString('base64url');
  const notRunning = `no Studio Gateway of this data folder answers at ${run.panelOrigin}; start it with \`studio-gateway serve\` (or the desktop app), then ask again`;
  try {
    const response = await fetch(`${run.panelOrigin}/api/run-proof?challenge=${challenge}`, { signal: AbortSignal.timeout(timeoutMs) });
    const answer = (await response.json()) as { result?: { signature?: string } };
    const signature = Buffer.from(answer.result?.signature ?? '', 'base64url');
    const key = createPublicKey({ key: run.publicKey, format: 'jwk' });
    if (verify(null, Buffer.from(PROOF_CONTEXT + challenge), key, signature)) return { panelOrigin: run.panelOrigin };
    return { problem: `something other than this data folder's Studio Gateway answers at ${run.panelOrigin}: no link was made. Start the gateway, then ask again` };
  } catch {
    return { problem: notRunning };
  }
}
