import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePanelKey, signRequest } from '../../src/shared/panel-auth.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';
import { TestBrowser } from '../support/browser.ts';
import { startGateway } from '../../src/main/gateway.ts';
import { memoryLogger, tempDir } from '../support/gateway.ts';
import { authorizeUrl, pkcePair, register } from '../support/oauth.ts';
import { agentWith, call } from '../support/tools.ts';

// The owner's authority, attacked the way a local agent would, through a real Chromium and real HTTP: browsers send
// cookies to every port of a host, so whatever the owner's browser holds must be useless anywhere but the panel.

interface Visit {
  url: string;
  headers: IncomingHttpHeaders;
}

/** An agent's own loopback listener (its OAuth redirect, or any page of its own): records everything it receives. */
async function agentListener(): Promise<{ port: number; visits: Visit[]; server: Server }> {
  const visits: Visit[] = [];
  const server = createServer((req, res) => {
    visits.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>You can close this tab.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, visits, server };
}

let listener: Awaited<ReturnType<typeof agentListener>>;

describe.runIf(CHROMIUM)("the owner's authority, attacked from another loopback port", () => {
  const harness = usePanelHarness();
  beforeEach(async () => {
    listener = await agentListener();
  });
  afterEach(async () => {
    await new Promise((resolve) => listener.server.close(resolve));
  });

  /** The owner opens a sign-in link; returns the panel and everything that would let someone act as her. */
  async function ownerSignsIn(): Promise<{ panel: Page; secrets: string[] }> {
    const panel = await harness.context.newPage();
    const link = harness.tg.gateway.issueLoginLink();
    const sessionIds = new Set<string>();
    panel.on('request', (request) => {
      const keyid = /keyid="([^"]+)"/.exec(request.headers()['signature-input'] ?? '')?.[1];
      if (keyid) sessionIds.add(keyid);
    });
    await panel.goto(link);
    await panel.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    expect(panel.url()).not.toContain('login=');
    await expect.poll(() => sessionIds.size).toBeGreaterThan(0);
    return { panel, secrets: [new URL(link).hash.slice('#login='.length), ...sessionIds] };
  }

  async function registerAgent(): Promise<string> {
    const { status, body } = await register(harness.tg, { client_name: 'Sneaky agent', redirect_uris: [`http://127.0.0.1:${listener.port}/cb`] });
    expect(status).toBe(201);
    return String(body.client_id);
  }

  function authorization(clientId: string, extra: Record<string, string> = {}): string {
    return authorizeUrl(harness.tg, {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: `http://127.0.0.1:${listener.port}/cb`,
      scope: 'mcp:tools read:profile delete:clients',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
      state: 'agent-state',
      ...extra,
    }).href;
  }

  /** What reached the agent: no cookie, no Referer from the gateway, and none of the owner's secrets anywhere in it. */
  function expectNothingOfTheOwner(visits: Visit[], secrets: string[]): void {
    expect(visits.length).toBeGreaterThan(0);
    for (const visit of visits) {
      expect(visit.headers.cookie, visit.url).toBeUndefined();
      // A Referer may only name the agent's own page (its favicon request does), never the gateway.
      if (visit.headers.referer !== undefined) expect(new URL(visit.headers.referer).port, visit.url).toBe(String(listener.port));
      const everything = `${visit.url}\n${JSON.stringify(visit.headers)}`;
      for (const secret of secrets) expect(everything).not.toContain(secret);
    }
  }

  /** The browser holds no cookie of the gateway's but oidc-provider's per-authorization ones (path-scoped to that authorization). */
  async function expectNoOwnerCookie(): Promise<void> {
    const cookies = await harness.context.cookies();
    expect(cookies.filter((c) => !/^_interaction(_resume)?(\.sig)?$/.test(c.name)).map((c) => c.name)).toEqual([]);
    for (const cookie of cookies) expect(cookie.path).toMatch(/^\/(interaction|authorize)\/[\w-]+$/);
  }

  it.each(['approve', 'deny'] as const)('at the end of an authorization the owner %s, the agent receives no credential of hers', async (decision) => {
    const { panel, secrets } = await ownerSignsIn();
    const clientId = await registerAgent();
    const agentTab = await harness.context.newPage();
    await agentTab.goto(authorization(clientId));
    await agentTab.getByText('Waiting for your approval').waitFor();
    const dialog = panel.getByRole('dialog', { name: 'Sneaky agent asks for access' });
    await dialog.waitFor();
    if (decision === 'approve') {
      // It asks for deleting clients: "Approve all" names that and asks again.
      await dialog.getByRole('button', { name: 'Approve all' }).click();
      await dialog.getByRole('button', { name: 'Yes, approve all' }).click();
    } else await dialog.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => listener.visits.filter((v) => v.url.startsWith('/cb')).length, { timeout: 10_000 }).toBe(1);
    const landed = new URL(listener.visits.find((v) => v.url.startsWith('/cb'))?.url ?? '', 'http://x').searchParams;
    expect(landed.get(decision === 'approve' ? 'code' : 'error')).toBeTruthy();
    expectNothingOfTheOwner(listener.visits, secrets);
    await expectNoOwnerCookie();
  });

  it('a prompt=none authorization, with no action of the owner, brings the agent nothing of hers either', async () => {
    const { secrets } = await ownerSignsIn();
    const clientId = await registerAgent();
    const agentTab = await harness.context.newPage();
    await agentTab.goto(authorization(clientId, { prompt: 'none' }));
    await expect.poll(() => listener.visits.filter((v) => v.url.startsWith('/cb')).length).toBe(1);
    const landed = listener.visits.find((v) => v.url.startsWith('/cb'));
    expect(new URL(landed?.url ?? '', 'http://x').searchParams.get('error')).toMatch(/login_required|consent_required/);
    expectNothingOfTheOwner(listener.visits, secrets);
    await expectNoOwnerCookie();
  });

  it('a plain link or a new window from the panel to another loopback port carries nothing of hers', async () => {
    const { panel, secrets } = await ownerSignsIn();
    const target = `http://127.0.0.1:${listener.port}/docs`;
    await panel.evaluate((href) => {
      const link = Object.assign(document.createElement('a'), { href, textContent: 'docs' });
      document.body.append(link);
      link.click();
    }, target);
    const docs = () => listener.visits.filter((v) => v.url === '/docs').length;
    await expect.poll(docs).toBe(1);
    const back = await harness.context.newPage();
    await harness.open(back, 'overview', 'Overview');
    const [popup] = await Promise.all([harness.context.waitForEvent('page'), back.evaluate((href) => void window.open(href), target)]);
    await popup.waitForLoadState();
    await expect.poll(docs).toBe(2);
    // COOP: a window the panel opened has no handle back on the panel.
    expect(await popup.evaluate(() => window.opener === null)).toBe(true);
    expectNothingOfTheOwner(listener.visits, secrets);
    await expectNoOwnerCookie();
  });

  it("a copied panel request, replayed or reworded by another process, is refused; the browser's key cannot be read out", async () => {
    const { panel } = await ownerSignsIn();
    const captured = panel.waitForRequest((r) => r.url().endsWith('/api/control/gateway.setPaused'));
    await panel.getByRole('switch', { name: 'Pause all agents' }).click();
    const request = await captured;
    await panel.getByText('Agents paused').first().waitFor();
    await panel.getByRole('switch', { name: 'Pause all agents' }).click();
    await panel.getByText('Running').first().waitFor();

    const headers = await request.allHeaders();
    const copied = { 'signature-input': headers['signature-input'] ?? '', signature: headers.signature ?? '', 'content-digest': headers['content-digest'] ?? '', origin: harness.tg.gateway.panelOrigin, 'content-type': 'application/json' };
    const replay = await fetch(request.url(), { method: 'POST', headers: copied, body: request.postData() ?? '' });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: 'replayed_request' } });
    const elsewhere = await fetch(`${harness.tg.gateway.panelOrigin}/api/control/workspace.wipe`, { method: 'POST', headers: copied, body: '{"confirm":"wipe"}' });
    expect(elsewhere.status).toBe(401);
    // The session id is public: a request signed for it by any other key is refused.
    const sessionId = /keyid="([^"]+)"/.exec(copied['signature-input'])?.[1] ?? '';
    const forged = await signRequest((await generatePanelKey()).privateKey, sessionId, { method: 'POST', url: `${harness.tg.gateway.panelOrigin}/api/control/gateway.setPaused`, body: '{"paused":true}' });
    expect((await fetch(`${harness.tg.gateway.panelOrigin}/api/control/gateway.setPaused`, { method: 'POST', headers: { ...forged, origin: harness.tg.gateway.panelOrigin, 'content-type': 'application/json' }, body: '{"paused":true}' })).status).toBe(401);
    expect((await harness.tg.owner.ok('gateway.status')).paused).toBe(false);
    expect((await harness.tg.owner.ok('workspace.export')).counts.clients).toBeGreaterThan(0);

    // Even the panel's own page cannot export the private key it signs with.
    const exported = await panel.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('studio-gateway-panel');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('no database'));
      });
      const record = await new Promise<{ privateKey: CryptoKey }>((resolve, reject) => {
        const get = db.transaction('session').objectStore('session').get('current');
        get.onsuccess = () => resolve(get.result as { privateKey: CryptoKey });
        get.onerror = () => reject(get.error ?? new Error('no record'));
      });
      try {
        await crypto.subtle.exportKey('jwk', record.privateKey);
        return 'exported';
      } catch (err) {
        return `${(err as Error).name}; extractable=${String(record.privateKey.extractable)}`;
      }
    });
    expect(exported).toBe('InvalidAccessError; extractable=false');
  });

  it('an agent cannot approve itself, mint a token, change settings, lift Pause or approve its own held call', async () => {
    await harness.tg.owner.ok('settings.update', { approvals: { enabled: true } });
    const { panel, secrets } = await ownerSignsIn();
    // The agent has a consent request waiting, a token, and a destructive call held for the owner.
    const clientId = await registerAgent();
    await new TestBrowser(harness.tg.gateway.issuer).navigate(authorization(clientId));
    const [consent] = await harness.tg.owner.ok('consent.list');
    const token = (await harness.tg.owner.ok('tokens.mint', { bundle: 'custom', scopes: ['delete:clients'], clientName: 'Held agent', expiresInDays: 1 })).token;
    const agent = await agentWith(harness.tg, ['delete:clients']);
    const victim = harness.tg.gateway.services.storage.customers.list({}, { limit: 200 }).items.find((c) => !harness.tg.gateway.services.storage.bookings.list({ clientId: c.id }, { limit: 1 }).items.length);
    const held = call(agent, 'delete_client', { client_id: victim?.id });
    await expect.poll(async () => (await harness.tg.owner.ok('approvals.list')).length).toBe(1);
    const [waiting] = await harness.tg.owner.ok('approvals.list');
    const before = { settings: await harness.tg.owner.ok('settings.get'), apps: (await harness.tg.owner.ok('apps.list')).length };
    await harness.tg.owner.ok('gateway.setPaused', { paused: false });

    // Everything an agent has or can make up: its bearer token, the panel's Origin, the owner's (public) session id
    // with a signature of its own, and whatever reached its listener (nothing).
    const stranger = await generatePanelKey();
    const attempts: [string, unknown][] = [
      ['consent.decide', { requestId: consent?.id, decision: 'approve', scopes: consent?.requestedScopes.map((s) => s.name) }],
      ['approvals.decide', { id: waiting?.id, decision: 'approve' }],
      ['tokens.mint', { bundle: 'full-control', clientName: 'Thief', expiresInDays: 365 }],
      ['settings.update', { approvals: { enabled: false } }],
      ['gateway.setPaused', { paused: true }],
      ['apps.setPaused', { clientId, paused: true }],
      ['apps.editPermissions', { clientId, scopes: ['delete:clients'], confirmedWidening: true }],
    ];
    for (const [name, input] of attempts) {
      const url = `${harness.tg.gateway.panelOrigin}/api/control/${name}`;
      const body = JSON.stringify(input);
      const forged = await signRequest(stranger.privateKey, secrets[1] ?? '', { method: 'POST', url, body });
      for (const headers of [{ authorization: `Bearer ${token}` }, { ...forged }, {}]) {
        const answer = await fetch(url, { method: 'POST', headers: { origin: harness.tg.gateway.panelOrigin, 'content-type': 'application/json', ...headers }, body });
        expect(answer.status, `${name} ${Object.keys(headers).join(',')}`).toBe(401);
      }
    }
    // The sign-in endpoint and the waiting page give nothing either.
    const guess = await fetch(`${harness.tg.gateway.panelOrigin}/api/session`, { method: 'POST', headers: { origin: harness.tg.gateway.panelOrigin, 'content-type': 'application/json' }, body: JSON.stringify({ loginKey: 'A'.repeat(43), publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) } }) });
    expect(guess.status).toBeGreaterThanOrEqual(400);

    expect((await harness.tg.owner.ok('consent.list')).map((r) => r.id)).toEqual([consent?.id]);
    expect((await harness.tg.owner.ok('approvals.list')).map((r) => r.id)).toEqual([waiting?.id]);
    expect(await harness.tg.owner.ok('settings.get')).toEqual(before.settings);
    expect((await harness.tg.owner.ok('apps.list')).length).toBe(before.apps);
    expect((await harness.tg.owner.ok('gateway.status')).paused).toBe(false);
    expect(harness.tg.gateway.services.storage.customers.find(victim?.id ?? '')).toBeDefined();

    // The owner, in her panel, denies the held call and then the agent's consent request; the agent is told so.
    await panel.getByRole('dialog', { name: 'Waiting for your approval' }).getByRole('button', { name: 'Deny', exact: true }).click();
    expect((await held).text).toContain('denied');
    await panel.getByRole('dialog', { name: 'Sneaky agent asks for access' }).getByRole('button', { name: 'Deny', exact: true }).click();
    await expect.poll(async () => (await harness.tg.owner.ok('consent.list')).length).toBe(0);
    await agent.close();
  });

  it.each(['passes requests through', 'answers everything itself'] as const)(
    "a service worker planted at the gateway's port while it was stopped (one that %s) is gone, and never reaches the panel",
    async (kind) => {
      // Another user's process holds the gateway's usual port while it is stopped; the owner's browser visits it.
      const port = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = probe.address() as AddressInfo;
          probe.close(() => resolve(free));
        });
      });
      const handler = kind === 'passes requests through' ? 'e.respondWith(fetch(e.request))' : "e.respondWith(new Response('<h1>PLANTED</h1>', { headers: { 'content-type': 'text/html' } }))";
      const squatter = createServer((req, res) => {
        if (req.url === '/sw.js') {
          res.writeHead(200, { 'content-type': 'text/javascript' }).end(`self.addEventListener('install', () => self.skipWaiting()); self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim())); self.addEventListener('fetch', (e) => ${handler});`);
        } else {
          res.writeHead(200, { 'content-type': 'text/html' }).end("<h1>Studio Gateway</h1><script>navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => (document.title = 'planted'))</script>");
        }
      });
      await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
      const visit = await harness.context.newPage();
      await visit.goto(`http://127.0.0.1:${port}/`);
      await visit.waitForFunction(() => document.title === 'planted');
      await new Promise((resolve) => squatter.close(resolve));
      squatter.closeAllConnections();

      // The gateway starts again on its port. The panel is elsewhere: a new origin, where nothing was planted.
      const restarted = await startGateway({ dataDir: tempDir(), port, log: memoryLogger() });
      try {
        expect(new URL(restarted.panelOrigin).port).not.toBe(String(port));
        const page = await harness.context.newPage();
        await page.goto(`http://127.0.0.1:${port}/.well-known/oauth-authorization-server`);
        const workers = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
        if (kind === 'answers everything itself') {
          // It answers itself, so no real answer reaches the browser until it checks the worker for an update (the
          // browser does so at the latest after 24 hours): that check gets a worker that removes itself.
          expect(await page.textContent('h1')).toBe('PLANTED');
          // Not awaited: the registration may be cleared while its update runs.
          await page.evaluate(async () => void (await navigator.serviceWorker.getRegistration())?.update().catch(() => undefined));
        }
        await expect.poll(() => workers().catch(() => -1), { timeout: 15_000 }).toBe(0);
        await page.goto(`http://127.0.0.1:${port}/.well-known/oauth-authorization-server`);
        expect(await page.textContent('body')).toContain('authorization_endpoint');

        const panel = await harness.context.newPage();
        await panel.goto(restarted.issueLoginLink());
        await panel.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
        expect(await panel.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
      } finally {
        await restarted.close();
      }
    },
    // A service worker's install, claim and update check run on the browser's own timing: on a busy CI machine the
    // default 30 s was once not enough (it passes in ~3 s alone).
    60_000,
  );

  it('a held call padded far past what the log keeps shows whole, its target plain to see, and the panel stays up', async () => {
    await harness.tg.owner.ok('settings.update', { approvals: { enabled: true, tools: ['update_client_notes'] } });
    const { panel } = await ownerSignsIn();
    const agent = await agentWith(harness.tg, ['write:clients']);
    const target = harness.tg.gateway.services.storage.customers.list({}, { limit: 1 }).items[0];
    const notes = `${'padding '.repeat(1200)}the real note`;
    const held = call(agent, 'update_client_notes', { client_id: target?.id, notes, mode: 'replace' });
    await panel.goto(`${harness.tg.gateway.panelOrigin}/panel/#/approvals`);
    // The target is named on the first layer; the call itself, whole, is under Details.
    const dialog = panel.getByRole('dialog', { name: 'Waiting for your approval' });
    await dialog.getByText(`Replace every note on ${target?.name ?? ''}`).waitFor();
    await dialog.getByText('Details').click();
    const field = (name: string) => dialog.locator(`xpath=.//dt[normalize-space(.)="${name}"]/following-sibling::dd[1]`);
    await expect.poll(() => field('client_id').textContent()).toBe(target?.id);
    expect((await field('notes').textContent())?.length).toBe(notes.length);
    await panel.screenshot({ path: `${SCREENSHOTS}approvals-padded.png`, fullPage: true });
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    expect((await held).isError).toBe(false);
    expect(harness.tg.gateway.services.storage.customers.find(target?.id ?? '')?.notes).toBe(notes);
    await agent.close();
  });
});
