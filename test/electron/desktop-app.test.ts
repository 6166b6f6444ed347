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
  let mcpUrl = '';
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

  it('asks on first launch how to start, in an isolated, sandboxed renderer that sees only the named bridge', async () => {
    const window = await app.firstWindow();
    const welcome = window.getByRole('dialog', { name: 'Welcome to Studio Gateway' });
    await welcome.waitFor();
    const exposed = await window.evaluate(() => ({
      node: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      methods: Object.keys((window as unknown as { studio: object }).studio).sort(),
    }));
    expect(exposed.node).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.methods).toContain('consentDecide');
    expect(exposed.methods).not.toContain('invoke');
    await welcome.getByRole('button', { name: 'Try the demo studio' }).click();
    await window.getByRole('note', { name: 'Demo studio' }).waitFor();
    const status = await window.evaluate(() => (window as unknown as { studio: { gatewayStatus(): Promise<{ ok: boolean; result: { mcpUrl: string; workspace: string } }> } }).studio.gatewayStatus());
    expect(status.result.workspace).toBe('demo');
    mcpUrl = status.result.mcpUrl;
    expect(mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it('copies the MCP URL to the clipboard (the permission policy allows the panel exactly that) and says so', async () => {
    const window = await app.firstWindow();
    await window.getByRole('button', { name: 'Copy URL' }).click();
    await window.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe(mcpUrl);
  });

  it('opens on the consent decision a notification or deep link names', async () => {
    const base = mcpUrl.replace(/\/mcp$/, '');
    const registered = (await (await fetch(`${base}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'Desk agent', redirect_uris: ['http://127.0.0.1:47111/cb'] }) })).json()) as { client_id: string };
    const authorize = new URL(`${base}/authorize`);
    for (const [key, value] of Object.entries({ response_type: 'code', client_id: registered.client_id, redirect_uri: 'http://127.0.0.1:47111/cb', scope: 'mcp:tools read:profile', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })) authorize.searchParams.set(key, value);
    const interaction = (await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '';
    await fetch(new URL(interaction, base), { redirect: 'manual' });
    const window = await app.firstWindow();
    const pending = await window.evaluate(() => (window as unknown as { studio: { consentList(): Promise<{ result: { id: string }[] }> } }).studio.consentList());
    const id = pending.result[0]?.id ?? '';
    // What a click on the notification does, and what the OS does with a studio-gateway:// link.
    await app.evaluate(({ app: electronApp }, link) => electronApp.emit('second-instance', {}, ['studio-gateway', link]), `studio-gateway://consent/${id}`);
    await expect.poll(() => window.url()).toContain(`#/consent?request=${id}`);
    await window.getByRole('dialog', { name: 'Desk agent asks for access' }).waitFor();
  });

  it('keeps serving agents from the tray when the window closes', async () => {
    const window = await app.firstWindow();
    await window.close().catch(() => undefined);
    // The window is gone from the screen (closed or hidden to the tray), and the app still answers agents.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).length)).toBe(0);
    const answer = await fetch(mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(answer.status).toBe(401);
  });
});
