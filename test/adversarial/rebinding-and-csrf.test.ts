import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { rawRequest } from '../support/raw-http.ts';

// DNS rebinding and cross-site requests (MCP 2025-06-18 "Security Warning" for Streamable HTTP; CVE-2025-66414):
// only requests naming this gateway in Host, from no page or a loopback page, get in; the owner's session only
// from the panel itself.

let tg: TestGateway;
let feedPath: string;
beforeAll(async () => {
  tg = await startTestGateway({ demo: true });
  const feed = await tg.owner.call('feed.rotate');
  feedPath = feed.ok && feed.result.url ? new URL(feed.result.url).pathname : '/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics';
});
afterAll(async () => {
  await tg?.close();
});

const ROUTES = () => [
  ['POST', '/mcp'],
  ['POST', '/token'],
  ['POST', '/register'],
  ['POST', '/revoke'],
  ['GET', '/authorize'],
  ['GET', '/userinfo'],
  ['GET', '/.well-known/oauth-authorization-server'],
  ['GET', '/.well-known/oauth-protected-resource/mcp'],
  ['GET', '/panel/'],
  ['GET', '/connections/google/callback'],
  ['GET', feedPath],
];

/** [Host, Origin] pairs that must be refused: rebinding hosts, lookalikes, IPv6 forms, foreign and opaque origins. */
const BAD = (port: number): [string, string | undefined][] => [
  [`attacker.example:${port}`, undefined],
  [`attacker.example`, undefined],
  [`127.0.0.1.attacker.example:${port}`, undefined],
  [`localhost.attacker.example:${port}`, undefined],
  [`127.0.0.1:${port + 1}`, undefined],
  [`127.0.0.1`, undefined],
  [`localhost`, undefined],
  [`[::1]:${port}`, undefined],
  [`[::ffff:127.0.0.1]:${port}`, undefined],
  [`0.0.0.0:${port}`, undefined],
  [`127.0.0.2:${port}`, undefined],
  [`2130706433:${port}`, undefined],
  [``, undefined],
  [`127.0.0.1:${port}`, 'null'],
  [`127.0.0.1:${port}`, 'https://attacker.example'],
  [`127.0.0.1:${port}`, `http://attacker.example:${port}`],
  [`127.0.0.1:${port}`, `http://127.0.0.1.attacker.example:${port}`],
  [`127.0.0.1:${port}`, `http://localhost.attacker.example`],
  [`127.0.0.1:${port}`, `http://user@127.0.0.1:${port}`],
  [`127.0.0.1:${port}`, `http://127.0.0.2:${port}`],
  [`127.0.0.1:${port}`, `http://[::ffff:127.0.0.1]:${port}`],
  [`127.0.0.1:${port}`, 'file://'],
  [`127.0.0.1:${port}`, 'chrome-extension://abcdefghijklmnop'],
  [`127.0.0.1:${port}`, `http://127.0.0.1:${port}/path`],
  [`localhost:${port}`, 'https://evil.example'],
];

describe('DNS rebinding and foreign origins', () => {
  it('refuses every bad Host/Origin pair on every route with 403', async () => {
    const bad = BAD(tg.gateway.port);
    expect(bad.length).toBeGreaterThanOrEqual(20);
    let checked = 0;
    for (const [method, path] of ROUTES()) {
      for (const [host, origin] of bad) {
        const headers: [string, string][] = [['host', host], ...(origin === undefined ? [] : [['origin', origin] as [string, string]])];
        const answer = await rawRequest(tg.gateway.port, { method, path, headers, ...(method === 'POST' ? { body: '{}' } : {}) });
        expect(answer.status, `${method} ${path} Host ${host} Origin ${origin}`).toBe(403);
        expect(answer.headers['access-control-allow-origin'], `${path} ${host}`).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBe(ROUTES().length * bad.length);
  }, 60_000);

  it('lets this gateway, with no Origin or its own, through on the same routes (the control case)', async () => {
    const port = tg.gateway.port;
    const answer = await rawRequest(port, { path: '/.well-known/oauth-authorization-server', headers: [['host', `localhost:${port}`], ['origin', `http://127.0.0.1:${port}`]] });
    expect(answer.status).toBe(200);
    expect((await rawRequest(port, { path: feedPath })).status).toBe(200);
  });
});

/** The control panel's own listener (a new port each run): the same bad pairs, plus what only the gateway's accepts. */
const PANEL_ROUTES: [string, string][] = [
  ['GET', '/panel/'],
  ['GET', '/panel/assets/index.js'],
  ['POST', '/api/session'],
  ['POST', '/api/control/connections.list'],
  ['GET', '/api/audit/export?format=csv'],
  ['GET', '/api/run-proof?challenge=AAAAAAAAAAAAAAAAAAAAAAAA'],
];

describe("the panel's listener", () => {
  const panelPort = () => Number(new URL(tg.gateway.panelOrigin).port);

  it('refuses every bad Host/Origin pair, and also localhost and every other loopback page, with 403', async () => {
    const port = panelPort();
    const bad: [string, string | undefined][] = [
      ...BAD(port),
      [`localhost:${port}`, undefined],
      [`127.0.0.1:${port}`, `http://localhost:${port}`],
      [`127.0.0.1:${port}`, 'http://localhost:6274'],
      [`127.0.0.1:${port}`, tg.gateway.issuer],
    ];
    for (const [method, path] of PANEL_ROUTES) {
      for (const [host, origin] of bad) {
        const headers: [string, string][] = [['host', host], ...(origin === undefined ? [] : [['origin', origin] as [string, string]])];
        const answer = await rawRequest(port, { method, path, headers, ...(method === 'POST' ? { body: '{}' } : {}) });
        expect(answer.status, `${method} ${path} Host ${host} Origin ${origin}`).toBe(403);
        expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      }
    }
    // The control case: the panel page itself.
    expect((await rawRequest(port, { path: '/panel/' })).status).toBe(200);
  }, 60_000);

  it("is not served on the gateway's port: a bookmark there goes to this run's panel, with nothing secret", async () => {
    const moved = await rawRequest(tg.gateway.port, { path: '/panel/' });
    expect(moved.status).toBe(303);
    expect(moved.headers.location).toBe(`${tg.gateway.panelOrigin}/panel/`);
    expect((await rawRequest(tg.gateway.port, { method: 'POST', path: '/api/control/gateway.status', body: '{}' })).status).toBe(404);
  });
});

describe('owner-session endpoints refuse cross-site requests', () => {
  const CHANGES: [string, Record<string, unknown>][] = [
    ['gateway.setPaused', { paused: true }],
    ['feed.rotate', {}],
    ['feed.disable', {}],
    ['connections.disconnect', { provider: 'google' }],
    ['workspace.wipe', { confirm: 'wipe' }],
    ['settings.update', { subscriptionTier: 'premium' }],
    ['tokens.mint', { bundle: 'full-control', clientName: 'Thief', expiresInDays: 365 }],
    ['install.run', { client: 'cursor', bundle: 'full-control', clientName: 'Thief', expiresInDays: 365 }],
  ];

  it.each(CHANGES)('%s: refused though validly signed by the owner, from a foreign, opaque or missing Origin, or a cross-site fetch; nothing changes', async (name, input) => {
    const before = await tg.owner.ok('workspace.export');
    const clients = await tg.owner.ok('apps.list');
    const feed = (await tg.owner.ok('connections.list')).feed.url;
    const signed = async (): Promise<[string, string][]> => [...Object.entries(await tg.owner.sign('POST', `/api/control/${name}`, JSON.stringify(input))), ['content-type', 'application/json']];
    const attempts: [string, string][][] = [
      [['origin', 'https://attacker.example']],
      [['origin', 'null']],
      [],
      [['origin', tg.gateway.panelOrigin], ['sec-fetch-site', 'cross-site']],
      [['origin', tg.gateway.issuer]], // the gateway's own port is not the panel
      [['origin', 'http://localhost:6274']], // another local page (an MCP inspector, a dev server) is still not the panel
    ];
    for (const extra of attempts) {
      const answer = await rawRequest(Number(new URL(tg.gateway.panelOrigin).port), { method: 'POST', path: `/api/control/${name}`, headers: [...(await signed()), ...extra], body: JSON.stringify(input) });
      expect(answer.status, `${name} ${JSON.stringify(extra)}`).toBe(403);
    }
    expect((await tg.owner.ok('workspace.export')).counts).toEqual(before.counts);
    expect(await tg.owner.ok('apps.list')).toEqual(clients);
    expect((await tg.owner.ok('connections.list')).feed.url).toBe(feed);
    expect((await tg.owner.ok('gateway.status')).paused).toBe(false);
  });
});
