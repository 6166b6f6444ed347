import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControlCallName, ControlInput, ControlOutputs, ControlResult } from '../../src/shared/control-api.ts';
import { startGateway, type Gateway } from '../../src/main/gateway.ts';
import type { Logger } from '../../src/main/log.ts';

/** Collects log lines instead of printing them; tests can assert on them (e.g. that no secret is logged). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m, err) => void lines.push(`error ${m} ${err instanceof Error ? err.message : ''}`),
  };
}

export function tempDir(prefix = 'sg-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The owner, signed in to the web panel through the one-time login link, calling the control registry. */
export class OwnerPanel {
  readonly origin: string;
  readonly cookie: string;
  readonly csrfToken: string;

  private constructor(origin: string, cookie: string, csrfToken: string) {
    this.origin = origin;
    this.cookie = cookie;
    this.csrfToken = csrfToken;
  }

  static async signIn(gateway: Gateway): Promise<OwnerPanel> {
    const link = gateway.issueLoginLink();
    const login = await fetch(link, { redirect: 'manual' });
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0];
    if (login.status !== 303 || !cookie) throw new Error(`owner login failed: ${login.status}`);
    const session = (await (await fetch(`${gateway.issuer}/api/session`, { headers: { cookie } })).json()) as { result: { csrfToken: string } };
    return new OwnerPanel(gateway.issuer, cookie, session.result.csrfToken);
  }

  async call<N extends ControlCallName>(name: N, input: ControlInput<N> | Record<string, unknown> = {}): Promise<ControlResult<N>> {
    const response = await fetch(`${this.origin}/api/control/${name}`, {
      method: 'POST',
      headers: { cookie: this.cookie, origin: this.origin, 'x-csrf-token': this.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await response.json()) as ControlResult<N>;
  }

  /** Like call, but throws unless the call succeeded. */
  async ok<N extends ControlCallName>(name: N, input: ControlInput<N> | Record<string, unknown> = {}): Promise<ControlOutputs[N]> {
    const result = await this.call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
    return result.result;
  }
}

export interface TestGateway {
  gateway: Gateway;
  dataDir: string;
  log: ReturnType<typeof memoryLogger>;
  owner: OwnerPanel;
  close(): Promise<void>;
}

/** A real gateway on 127.0.0.1 port 0 with a real SQLite file in a fresh folder, and the owner signed in. */
export async function startTestGateway(options: { dataDir?: string; demo?: boolean } = {}): Promise<TestGateway> {
  const dataDir = options.dataDir ?? tempDir();
  const log = memoryLogger();
  const gateway = await startGateway({ dataDir, port: 0, log, demo: options.demo ?? true });
  const owner = await OwnerPanel.signIn(gateway);
  return {
    gateway,
    dataDir,
    log,
    owner,
    async close() {
      await gateway.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
