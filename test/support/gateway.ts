import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type Gateway, type InstallHost } from '../../src/main/gateway.ts';
import type { MetadataDocumentTestSetting } from '../../src/main/oauth/metadata-document-fetch.ts';
import type { Logger } from '../../src/main/log.ts';
import type { VaultKeyStore } from '../../src/main/providers/vault/key-store.ts';
import { movableClock, type MovableClock } from './clock.ts';
import { OwnerPanel } from './owner-panel.ts';

export { OwnerPanel } from './owner-panel.ts';

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

export interface TestGateway {
  gateway: Gateway;
  /** The gateway's clock: real time, and moved forward where a test would otherwise sleep. */
  clock: MovableClock;
  dataDir: string;
  log: ReturnType<typeof memoryLogger>;
  owner: OwnerPanel;
  close(): Promise<void>;
}

/** A real gateway on 127.0.0.1 port 0 with a real SQLite file in a fresh folder, and the owner signed in. */
/** `beforeSignIn` runs before the owner signs in (and the log records it): for tests that write the log at set times. */
/**
 * `manyFlows` lifts the registration and authorization rate limits, for suites that run hundreds of OAuth flows
 * against one gateway (the limits have tests of their own). `metadataDocuments` lets the gateway fetch client
 * metadata documents from the test's own https hosts (support/metadata-documents.ts). `install` is one-click install's
 * host (by default a home folder of its own inside the data folder).
 */
export async function startTestGateway(
  options: {
    dataDir?: string;
    demo?: boolean;
    beforeSignIn?: (gateway: Gateway) => void;
    manyFlows?: boolean;
    metadataDocuments?: MetadataDocumentTestSetting;
    install?: InstallHost;
    /** Where the credential vault's key lives (default: the OS keychain). */
    keyStore?: VaultKeyStore;
  } = {},
): Promise<TestGateway> {
  const dataDir = options.dataDir ?? tempDir();
  const log = memoryLogger();
  const unlimited = { burst: 100_000, perMinute: 100_000 };
  const clock = movableClock();
  const gateway = await startGateway({
    clock,
    dataDir,
    port: 0,
    log,
    demo: options.demo ?? true,
    ...(options.manyFlows ? { oauthRequestLimits: { registration: unlimited, authorization: unlimited } } : {}),
    ...(options.metadataDocuments ? { metadataDocumentsForTests: options.metadataDocuments } : {}),
    // One-click install writes into the clients' settings under a home folder: never the real one in a test.
    install: options.install ?? { environment: { platform: 'linux', home: join(dataDir, 'home') } },
    ...(options.keyStore ? { keyStore: options.keyStore } : {}),
  });
  options.beforeSignIn?.(gateway);
  const owner = await OwnerPanel.signIn(gateway.issueLoginLink(), clock);
  return {
    gateway,
    clock,
    dataDir,
    log,
    owner,
    async close() {
      await gateway.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
