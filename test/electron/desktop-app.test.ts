import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/gateway.ts';

/** The Electron binary, if this machine has one (its download is skipped where GitHub is unreachable). */
function electronBinary(): string | undefined {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const ELECTRON = electronBinary();
const DISPLAY = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!ELECTRON || !DISPLAY) {
  process.stderr.write(
    `\n*** SKIPPING the desktop app test: ${!ELECTRON ? "Electron's binary is not installed (npm skipped its download: GitHub is unreachable here)" : 'there is no display'}. ` +
      'It runs wherever `npm install` fetched Electron and a display exists. ***\n\n',
  );
}

describe.runIf(ELECTRON && DISPLAY)('the desktop app (Playwright _electron)', () => {
  let app: ElectronApplication;
  beforeAll(async () => {
    app = await _electron.launch({
      executablePath: ELECTRON,
      args: [new URL('../../out/main/index.js', import.meta.url).pathname],
      env: { ...process.env, STUDIO_GATEWAY_DATA_DIR: tempDir() },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens the control panel with an isolated, sandboxed renderer that sees only the named bridge', async () => {
    const window = await app.firstWindow();
    await window.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    const exposed = await window.evaluate(() => ({
      node: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      methods: Object.keys((window as unknown as { studio: object }).studio).sort(),
    }));
    expect(exposed.node).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.methods).toContain('consentDecide');
    expect(exposed.methods).not.toContain('invoke');
    const status = await window.evaluate(() => (window as unknown as { studio: { gatewayStatus(): Promise<{ ok: boolean; result: { mcpUrl: string } }> } }).studio.gatewayStatus());
    expect(status.ok).toBe(true);
    expect(status.result.mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it('keeps running in the tray when the window closes', async () => {
    const window = await app.firstWindow();
    await window.close().catch(() => undefined);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBeGreaterThanOrEqual(0);
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
  });
});
