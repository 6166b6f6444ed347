import { systemClock, type Clock } from '../../src/shared/clock.ts';
import type { ControlCallName, ControlInput, ControlOutputs, ControlResult } from '../../src/shared/control-api.ts';
import { exportPublicKey, generatePanelKey, signRequest, type PanelKey } from '../../src/shared/panel-auth.ts';

/** The owner, signed in to the web panel as the panel page does it: a login link's key, a key pair, signed calls. */
export class OwnerPanel {
  readonly origin: string;
  readonly sessionId: string;
  readonly #privateKey: PanelKey;
  /** The signer's clock (the gateway's, in tests that move time): signatures are fresh by that clock. */
  readonly #nowMs: () => number;

  private constructor(origin: string, sessionId: string, privateKey: PanelKey, nowMs: () => number) {
    this.origin = origin;
    this.sessionId = sessionId;
    this.#privateKey = privateKey;
    this.#nowMs = nowMs;
  }

  /** Opens a sign-in link like the panel page does (the key comes from the link's fragment). */
  static async signIn(link: string, clock: Clock = systemClock): Promise<OwnerPanel> {
    const { origin, hash } = new URL(link);
    const loginKey = hash.replace(/^#login=/, '');
    const { publicKey, privateKey } = await generatePanelKey();
    const response = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ loginKey, publicKey: await exportPublicKey(publicKey) }),
    });
    const answer = (await response.json()) as { ok: boolean; result?: { sessionId: string }; error?: { message: string } };
    if (!answer.result) throw new Error(`owner sign-in failed: ${response.status} ${answer.error?.message ?? ''}`);
    return new OwnerPanel(origin, answer.result.sessionId, privateKey, clock.nowMs);
  }

  /** The signature headers of one request, as the panel would send them. */
  sign(method: 'GET' | 'POST', path: string, body?: string): Promise<Record<string, string>> {
    return signRequest(this.#privateKey, this.sessionId, { method, url: `${this.origin}${path}`, ...(body === undefined ? {} : { body }) }, Math.floor(this.#nowMs() / 1000));
  }

  /** A signed request of the panel's (a POST carries a JSON body and the panel's Origin, as a browser sends them). */
  async request(method: 'GET' | 'POST', path: string, body?: string): Promise<Response> {
    const post: Record<string, string> = method === 'POST' ? { origin: this.origin, 'content-type': 'application/json' } : {};
    return fetch(`${this.origin}${path}`, { method, headers: { ...(await this.sign(method, path, body)), ...post }, ...(body === undefined ? {} : { body }) });
  }

  async call<N extends ControlCallName>(name: N, input: ControlInput<N> | Record<string, unknown> = {}): Promise<ControlResult<N>> {
    const response = await this.request('POST', `/api/control/${name}`, JSON.stringify(input));
    return (await response.json()) as ControlResult<N>;
  }

  /** Like call, but throws unless the call succeeded. */
  async ok<N extends ControlCallName>(name: N, input: ControlInput<N> | Record<string, unknown> = {}): Promise<ControlOutputs[N]> {
    const result = await this.call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
    return result.result;
  }
}
