import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../src/main/gateway.ts';
import { memoryLogger, OwnerPanel, tempDir } from '../support/gateway.ts';
import { cli, stopCliProcesses } from '../support/cli.ts';
import { bearerClient } from '../support/mcp-agent.ts';
import { call } from '../support/tools.ts';

afterEach(stopCliProcesses);

describe('studio-gateway serve', () => {
  it('serves the whole protocol from what it runs (the built bundle once built): discovery, registration, a minted token, a tool call', async () => {
    const run = cli(['serve', '--port', '0', '--data-dir', tempDir(), '--demo']);
    const [gatewayLine, panelLine] = await run.lines(2);
    const mcpUrl = gatewayLine?.replace('Gateway: ', '') ?? '';
    const base = mcpUrl.replace(/\/mcp$/, '');
    const as = (await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()) as { code_challenge_methods_supported: string[]; registration_endpoint: string };
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    const registered = await fetch(as.registration_endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'CLI test', redirect_uris: ['http://127.0.0.1:5555/cb'] }) });
    expect(registered.status).toBe(201);

    // The owner, through the printed link, mints a token in the panel; an SDK client calls a tool with it.
    const owner = await OwnerPanel.signIn(panelLine?.replace('Control panel: ', '') ?? '');
    const minted = await owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'CLI test agent', expiresInDays: 1 });
    const client = await bearerClient(mcpUrl, minted.token);
    const result = await call(client, 'list_bookings', { limit: 2 });
    expect(result.isError).toBe(false);
    expect(result.data.bookings).toHaveLength(2);
    await client.close();
  });

  // How long the exit takes is a benchmark figure (bench/shutdown.ts), not a test.
  it.each(['SIGTERM', 'SIGINT'] as const)('prints the MCP URL and a login link, serves, and exits cleanly (code 0) on %s', async (signal) => {
    const run = cli(['serve', '--port', '0', '--data-dir', tempDir(), '--demo']);
    const [gatewayLine, panelLine] = await run.lines(2);
    expect(gatewayLine).toMatch(/^Gateway: http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(panelLine).toMatch(/^Control panel: http:\/\/127\.0\.0\.1:\d+\/panel\/#login=[\w-]{43}$/);
    const base = gatewayLine?.replace('Gateway: ', '').replace(/\/mcp$/, '') ?? '';
    const metadata = (await (await fetch(`${base}/.well-known/oauth-protected-resource/mcp`)).json()) as { resource: string };
    expect(metadata.resource).toBe(`${base}/mcp`);
    expect((await OwnerPanel.signIn(panelLine?.replace('Control panel: ', '') ?? '')).sessionId).toMatch(/^[\w-]{32}$/);

    run.child.kill(signal);
    expect(await run.exited).toBe(0);
  });

  it('names the busy port and the flag to change it', async () => {
    const holder = await startGateway({ dataDir: tempDir(), port: 0, log: memoryLogger() });
    try {
      const run = cli(['serve', '--port', String(holder.port), '--data-dir', tempDir()]);
      expect(await run.exited).toBe(1);
      expect(run.output().stderr).toContain(`Port ${holder.port}`);
      expect(run.output().stderr).toContain('--port');
    } finally {
      await holder.close();
    }
  });

  it('refuses a bad port and an unknown flag with a clear message', async () => {
    const badPort = cli(['serve', '--port', 'eighty']);
    expect(await badPort.exited).toBe(1);
    expect(badPort.output().stderr).toContain('--port must be a whole number');
    const unknown = cli(['serve', '--prot', '80']);
    expect(await unknown.exited).toBe(1);
    expect(unknown.output().stderr).toContain("'--prot'");
  });
});

describe('studio-gateway panel-link', () => {
  it('prints a fresh one-time login link for the running gateway of that data folder', async () => {
    const dataDir = tempDir();
    const serve = cli(['serve', '--port', '0', '--data-dir', dataDir]);
    await serve.lines(2);
    const link = cli(['panel-link', '--data-dir', dataDir]);
    expect(await link.exited).toBe(0);
    const [line, note] = link.output().stdout.trim().split('\n');
    expect(note).toContain('once, within 10 minutes');
    const url = line?.replace('Control panel: ', '') ?? '';
    const owner = await OwnerPanel.signIn(url);
    expect((await owner.ok('gateway.status')).paused).toBe(false);
    await expect(OwnerPanel.signIn(url)).rejects.toThrow(/already used or has expired/);
  });

  it('says so when no gateway ever ran with the folder', async () => {
    const link = cli(['panel-link', '--data-dir', tempDir()]);
    expect(await link.exited).toBe(1);
    expect(link.output().stderr).toContain('studio-gateway serve');
  });

  it('prints no link when the gateway has stopped, even if something else now answers at its panel address', async () => {
    const dataDir = tempDir();
    const serve = cli(['serve', '--port', '0', '--data-dir', dataDir]);
    const [, panelLine] = await serve.lines(2);
    const panelOrigin = new URL(panelLine?.replace('Control panel: ', '') ?? '').origin;
    serve.child.kill('SIGKILL');
    await serve.exited;

    const stopped = cli(['panel-link', '--data-dir', dataDir]);
    expect(await stopped.exited).toBe(1);
    expect(stopped.output().stderr).toContain('no Studio Gateway of this data folder answers');

    // Another process takes the port and answers like a gateway would: it has no key of this run to sign with.
    const squatter = createServer((req, res) => {
      const challenge = new URL(req.url ?? '/', 'http://x').searchParams.get('challenge') ?? '';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { signature: Buffer.from(challenge).toString('base64url') } }));
    });
    await new Promise<void>((resolve) => squatter.listen(Number(new URL(panelOrigin).port), '127.0.0.1', resolve));
    try {
      const squatted = cli(['panel-link', '--data-dir', dataDir]);
      expect(await squatted.exited).toBe(1);
      expect(squatted.output().stdout).toBe('');
      expect(squatted.output().stderr).toContain(`something other than this data folder's Studio Gateway answers at ${panelOrigin}`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});

describe('studio-gateway workspace', () => {
  it('exports to a file, refuses a broken file by its field, and imports a good one', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dataDir = tempDir();
    const seeded = await startGateway({ dataDir, port: 0, log: memoryLogger(), demo: true });
    await seeded.close();
    const out = join(tempDir(), 'workspace.json');
    const exported = cli(['workspace', 'export', '--out', out, '--data-dir', dataDir]);
    expect(await exported.exited).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { classes: { capacity: number }[] };
    expect(file.classes).toHaveLength(15);

    (file.classes[0] as { capacity: number }).capacity = -1;
    const broken = join(tempDir(), 'broken.json');
    writeFileSync(broken, JSON.stringify(file));
    const refused = cli(['workspace', 'import', broken, '--data-dir', dataDir]);
    expect(await refused.exited).toBe(1);
    expect(refused.output().stderr).toContain('classes[0].capacity');

    const wipe = cli(['workspace', 'wipe', '--data-dir', dataDir]);
    expect(await wipe.exited).toBe(1);
    expect(wipe.output().stderr).toContain('--yes');

    const imported = cli(['workspace', 'import', out, '--data-dir', dataDir]);
    expect(await imported.exited).toBe(0);
    expect(imported.output().stdout).toContain('15 classes');
  });
});
