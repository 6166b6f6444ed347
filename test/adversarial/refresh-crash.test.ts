import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, stopCliProcesses } from '../support/cli.ts';
import { OwnerPanel, tempDir } from '../support/gateway.ts';
import { INITIALIZE, postMcp } from '../support/mcp-agent.ts';
import { authorizeRefresher, refreshOnce } from '../support/refresher.ts';

// A refresh whose answer never reaches the agent because the gateway is killed between its commit and the answer:
// after the restart the agent retries with the refresh token it still holds, and must not be locked out.

afterEach(stopCliProcesses);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function serve(port: number, dataDir: string) {
  const run = cli(['serve', '--port', String(port), '--data-dir', dataDir, '--demo']);
  const [, panelLine] = await run.lines(2);
  return { run, link: panelLine?.replace('Control panel: ', '') ?? '' };
}

/**
 * Stands between the agent and the gateway: relays everything, except that a refresh exchange is relayed to the
 * gateway, its whole answer received (so the rotation is committed), and then the gateway is killed with SIGKILL
 * and the agent's connection dropped without an answer. Keeps what the agent never got.
 */
async function crashingProxy(gatewayPort: number, kill: () => Promise<void>): Promise<{ base: string; server: Server; lost: string[] }> {
  const lost: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      void (async () => {
        const answer = await fetch(`http://127.0.0.1:${gatewayPort}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, ...(body ? { body } : {}) });
        const text = await answer.text();
        if (req.url === '/token' && body.includes('grant_type=refresh_token')) {
          lost.push((JSON.parse(text) as { refresh_token: string }).refresh_token);
          await kill();
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, lost };
}

describe('a refresh cut off by a crash between commit and answer', () => {
  it('is retried after the restart with the previous token and succeeds; the successor it never received is void', async () => {
    const port = await freePort();
    const dataDir = tempDir();
    const first = await serve(port, dataDir);
    const base = `http://127.0.0.1:${port}`;
    const owner = await OwnerPanel.signIn(first.link);
    const agent = await authorizeRefresher(owner, base);
    expect((await refreshOnce(base, agent)).status).toBe(200);

    const proxy = await crashingProxy(port, async () => {
      first.run.child.kill('SIGKILL');
      await first.run.exited;
    });
    const held = agent.refreshToken;
    await expect(refreshOnce(proxy.base, agent)).rejects.toThrow();
    expect(agent.refreshToken).toBe(held);
    expect(proxy.lost).toEqual([expect.stringMatching(/^[\w-]{43}$/)]);
    await new Promise((resolve) => proxy.server.close(resolve));

    // The gateway comes back on the same folder and port; the agent retries with what it holds.
    await serve(port, dataDir);
    const retry = await refreshOnce(base, agent);
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect((await postMcp(`${base}/mcp`, INITIALIZE, { authorization: `Bearer ${retry.body.access_token}` })).status).toBe(200);
    expect((await refreshOnce(base, agent)).status).toBe(200);

    // The successor that was committed but never delivered is gone: whoever presents it (a thief that saw it) gets
    // nothing, and the agent goes on.
    const thief = await refreshOnce(base, { ...agent, refreshToken: proxy.lost[0] ?? '' });
    expect(thief.body.error, JSON.stringify(thief.body)).toBe('invalid_grant');
    expect((await refreshOnce(base, agent)).status).toBe(200);
  }, 60_000);
});
