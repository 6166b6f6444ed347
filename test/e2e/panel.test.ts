import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientPaths } from '../../src/main/install/client-paths.ts';
import { scopeCheck } from '../../src/main/mcp/scope-guard.ts';
import { TOOLS } from '../../src/main/mcp/tools/index.ts';
import { bundle, scopeInfo } from '../../src/shared/scopes.ts';
import { startAgentCallback } from '../support/agent-callback.ts';
import { OwnerPanel, startTestGateway } from '../support/gateway.ts';
import { bearerClient, INITIALIZE, mcpClient, postMcp, TestAgent, tokenWithScopes, toolCall, transportFor } from '../support/mcp-agent.ts';
import { TestBrowser } from '../support/browser.ts';
import { authorizeUrl, codeFlow, exchange, pkcePair, REDIRECT, registerClient } from '../support/oauth.ts';
import { call } from '../support/tools.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { PANEL_PAGES } from '../../src/shared/panel-pages.ts';
import { usePanelHarness } from './panel-harness.ts';

// The headless control panel, driven in real Chromium like an owner would, against a real gateway.

describe.runIf(CHROMIUM)('the control panel in Chromium', () => {
  const harness = usePanelHarness({ context: { acceptDownloads: true } });
  const { signIn, open } = harness;

  it('approves a pending request with a subset of scopes, and the MCP client gets exactly those', async () => {
    // Like a desktop agent: a loopback listener receives the redirect with the code.
    const callback = await startAgentCallback();
    const agent = new TestAgent('Claude Desktop', callback.port);
    await mcpClient().connect(transportFor(harness.tg, agent)).catch(() => undefined);
    const authorizationUrl = agent.authorizationUrl as URL;

    const agentTab = await harness.context.newPage();
    await agentTab.goto(authorizationUrl.href);
    await agentTab.getByText('Waiting for your approval').waitFor();

    const panel = await signIn();
    const dialog = panel.getByRole('dialog', { name: 'Claude Desktop asks for access' });
    await dialog.waitFor();
    expect(await dialog.getByText('unverified').isVisible()).toBe(true);
    // Each box says what it allows in words (the scope names are under Details).
    const keep = new Set(['read:profile', 'read:bookings', 'offline_access'].map((s) => scopeInfo(s)?.meaning));
    for (const box of await dialog.getByRole('checkbox').all()) {
      const meaning = (await box.evaluate((el) => (el.closest('label') as HTMLElement).innerText)).split('\n')[0];
      if (await box.isDisabled()) {
        expect(meaning).toBe(scopeInfo('mcp:tools')?.meaning);
        continue;
      }
      if (keep.has(meaning) !== (await box.isChecked())) await box.click();
    }
    await panel.screenshot({ path: `${SCREENSHOTS}consent-dialog.png` });
    await dialog.getByRole('button', { name: 'Approve selected' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => callback.redirected()?.searchParams.get('code'), { timeout: 10_000 }).toBeTruthy();
    await agentTab.getByText('You can close this tab.').waitFor();
    callback.close();
    await transportFor(harness.tg, agent).finishAuth(callback.redirected()?.searchParams.get('code') ?? '');
    const client = mcpClient();
    await client.connect(transportFor(harness.tg, agent));
    const listed = (await client.listTools()).tools.map((t) => t.name);
    expect(listed).toEqual(TOOLS.filter((t) => scopeCheck(['read:profile', 'read:bookings']).allows(t)).map((t) => t.name));
    expect(agent.tokens()?.scope?.split(' ').sort()).toEqual(['mcp:tools', 'read:bookings', 'read:profile']);
    await client.close();
  });

  it('revokes a connected app after confirmation, and its next call fails', async () => {
    const flow = await codeFlow(harness.tg, { scope: 'mcp:tools read:profile' });
    const token = (await exchange(harness.tg, flow)).body.access_token ?? '';
    expect((await postMcp(harness.tg.gateway.mcpUrl, INITIALIZE, { authorization: `Bearer ${token}` })).status).toBe(200);

    const panel = await signIn();
    await open(panel, 'apps', 'Connected apps');
    const card = panel.locator(`[data-client-id="${flow.clientId}"]`);
    await card.getByRole('button', { name: 'Timeline' }).click();
    await card.getByRole('list', { name: 'Connection timeline' }).waitFor();
    await panel.screenshot({ path: `${SCREENSHOTS}connected-apps.png`, fullPage: true });
    await card.getByRole('button', { name: 'Revoke' }).click();
    await panel.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click();
    await panel.getByRole('status').getByText('was revoked').waitFor();

    expect((await postMcp(harness.tg.gateway.mcpUrl, INITIALIZE, { authorization: `Bearer ${token}` })).status).toBe(401);
    // It leaves the connected apps for the collapsed Revoked section.
    await panel.getByTestId('revoked-apps').getByText('Revoked (1)').waitFor();
    expect(await card.isVisible()).toBe(false);
  });

  it('generates a setup snippet whose token works with exactly its bundle', async () => {
    const panel = await signIn();
    await open(panel, 'setup', 'Agent setup');
    await panel.getByRole('radio', { name: /^Read-only/ }).check();
    await panel.getByRole('button', { name: 'Cursor' }).click();
    await panel.getByRole('button', { name: 'Create snippet' }).click();
    const snippet = panel.getByTestId('snippet');
    await snippet.waitFor();
    await panel.screenshot({ path: `${SCREENSHOTS}agent-setup.png`, fullPage: true });

    // Cursor's mcp.json format: mcpServers.<name>.url and headers.
    const config = JSON.parse((await snippet.textContent()) ?? '{}') as { mcpServers: Record<string, { url: string; headers: { Authorization: string } }> };
    const [server] = Object.values(config.mcpServers);
    expect(server?.url).toBe(harness.tg.gateway.mcpUrl);
    const client = await bearerClient(server?.url ?? '', server?.headers.Authorization.replace('Bearer ', '') ?? '');
    const readOnly = scopeCheck(bundle('read-only').scopes);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(TOOLS.filter((t) => readOnly.allows(t)).map((t) => t.name));
    await client.close();
    expect((await harness.tg.owner.ok('apps.list')).map((c) => c.name)).toContain('Cursor');
  });

  it('installs in Claude Desktop in one click and says, in plain words, what it did and what to do next', async () => {
    const panel = await signIn();
    await open(panel, 'setup', 'Agent setup');
    await panel.getByRole('radio', { name: /^Read-only/ }).check();
    await panel.getByText('Adds the server to Claude Desktop’s settings file').waitFor();
    await panel.getByRole('button', { name: 'Install in Claude Desktop' }).click();

    const result = panel.getByTestId('install-result');
    await result.waitFor();
    await panel.screenshot({ path: `${SCREENSHOTS}agent-install.png`, fullPage: true });
    expect(await result.textContent()).toMatch(/^Added to Claude Desktop as “studio-gateway”\. Restart Claude Desktop/);
    // What the panel said happened did happen: the server is in the file the test gateway's home holds.
    const file = clientPaths({ platform: 'linux', home: join(harness.tg.dataDir, 'home') }).claudeDesktop.file;
    expect(await result.textContent()).toContain(file);
    const config = JSON.parse(readFileSync(file, 'utf8')) as { mcpServers: Record<string, { args: string[] }> };
    expect(config.mcpServers['studio-gateway']?.args).toContain('bridge');
    expect((await harness.tg.owner.ok('apps.list')).map((c) => c.name)).toEqual(['Claude Desktop']);
  });

  it('filters the audit log and exports what it shows', async () => {
    const agent = await bearerClient(harness.tg.gateway.mcpUrl, await tokenWithScopes(harness.tg, ['read:profile']));
    for (let i = 0; i < 5; i++) await call(agent, 'get_profile');
    await agent.close();
    await postMcp(harness.tg.gateway.mcpUrl, toolCall('update_profile', { name: 'x' }), { authorization: `Bearer ${await tokenWithScopes(harness.tg, ['read:classes'])}` });
    const blocked = (await harness.tg.owner.ok('audit.count', { events: 'activity', outcome: 'blocked' })).count;
    expect(blocked).toBeGreaterThan(0);

    const panel = await signIn();
    await open(panel, 'audit', 'Audit log');
    await panel.getByRole('combobox', { name: /^Outcome/ }).selectOption({ label: 'Blocked' });
    await panel.getByText(`${blocked} ${blocked === 1 ? 'entry' : 'entries'}`, { exact: true }).waitFor();
    const outcomes = await panel.locator('.log-row .badge').allTextContents();
    expect(outcomes.length).toBe(blocked);
    expect(new Set(outcomes)).toEqual(new Set(['Blocked']));
    await panel.locator('.log-row').first().getByRole('button').click();
    await panel.getByRole('dialog').getByText('Details', { exact: true }).click();
    await panel.getByRole('dialog').getByText('Arguments').waitFor();
    await panel.keyboard.press('Escape');

    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8').trim().split('\n');
    expect(csv).toHaveLength(blocked + 1);
    await panel.getByRole('button', { name: 'Check for tampering' }).click();
    await panel.getByText(/Untouched: all \d+ entries check out/).waitFor();
    await panel.screenshot({ path: `${SCREENSHOTS}audit-log.png`, fullPage: true });
  });

  it('holds a destructive call until the owner approves it, and refuses it on deny', async () => {
    const panel = await signIn();
    await open(panel, 'approvals', 'Approvals');
    await panel.getByRole('switch').click();
    await expect.poll(async () => (await harness.tg.owner.ok('settings.get')).approvals.enabled).toBe(true);

    const agent = await bearerClient(harness.tg.gateway.mcpUrl, await tokenWithScopes(harness.tg, ['delete:financials']));
    const [first, second] = harness.tg.gateway.services.storage.expenses.list({}, { limit: 2 }).items;
    const approved = call(agent, 'delete_expense', { expense_id: first?.id });
    // The held call opens its dialog on the page, in words with the expense's name.
    const dialog = panel.getByRole('dialog', { name: 'Waiting for your approval' });
    await dialog.getByText(`Permanently delete the expense ${first?.description ?? ''}`).waitFor();
    expect(harness.tg.gateway.services.storage.expenses.find(first?.id ?? '')).toBeDefined();
    await panel.screenshot({ path: `${SCREENSHOTS}approvals.png`, fullPage: true });
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    expect((await approved).isError).toBe(false);
    expect(harness.tg.gateway.services.storage.expenses.find(first?.id ?? '')).toBeUndefined();

    const denied = call(agent, 'delete_expense', { expense_id: second?.id });
    await dialog.getByText(`Permanently delete the expense ${second?.description ?? ''}`).waitFor();
    await dialog.getByRole('button', { name: 'Deny', exact: true }).click();
    const outcome = await denied;
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toContain('denied');
    expect(harness.tg.gateway.services.storage.expenses.find(second?.id ?? '')).toBeDefined();
    await agent.close();
  });

  it('pauses every agent from the Overview switch, and resumes them', async () => {
    const token = await tokenWithScopes(harness.tg, ['read:profile']);
    const panel = await signIn();
    await panel.getByRole('switch', { name: 'Pause all agents' }).click();
    await panel.getByText('Agents paused').first().waitFor();
    const paused = await postMcp(harness.tg.gateway.mcpUrl, INITIALIZE, { authorization: `Bearer ${token}` });
    expect(paused.status).toBe(503);
    expect(await paused.text()).toContain('paused by the owner');
    await panel.getByRole('switch', { name: 'Pause all agents' }).click();
    await panel.getByText('Running').first().waitFor();
    expect((await postMcp(harness.tg.gateway.mcpUrl, INITIALIZE, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('shows every page finished, in light and dark, and at 200% zoom', async () => {
    // Something to show: a connected app, activity, a request waiting for consent.
    const agent = await bearerClient(harness.tg.gateway.mcpUrl, (await harness.tg.owner.ok('tokens.mint', { bundle: 'personal-assistant', clientName: 'Claude Code', expiresInDays: 30 })).token);
    for (const name of ['list_classes', 'list_bookings', 'get_profile']) await call(agent, name);
    await agent.close();
    const panel = await signIn();
    for (const { path, title } of PANEL_PAGES) {
      await open(panel, path, title);
      await panel.waitForTimeout(300);
      await panel.screenshot({ path: `${SCREENSHOTS}${path}.png`, fullPage: true });
      // Every control has an accessible name.
      const unnamed = await panel.locator('button:visible, input:visible, select:visible').evaluateAll((els) => els.filter((el) => !(el as HTMLElement).innerText?.trim() && !el.getAttribute('aria-label') && !(el as HTMLInputElement).labels?.length).length);
      expect(unnamed, `${path}: controls without a name`).toBe(0);
    }
    await open(panel, 'settings', 'Settings');
    await panel.getByRole('button', { name: 'Dark' }).click();
    await expect.poll(() => panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await open(panel, 'overview', 'Overview');
    await panel.screenshot({ path: `${SCREENSHOTS}overview-dark.png`, fullPage: true });
    await panel.evaluate(() => {
      document.body.style.zoom = '2';
    });
    await panel.screenshot({ path: `${SCREENSHOTS}overview-200-percent.png` });
    expect(await panel.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth * 2 + 4)).toBe(true);
  });

  it('without a session shows how to sign in, says why a used link fails, and signs out from Settings', async () => {
    const stranger = await harness.context.newPage();
    await stranger.goto(`${harness.tg.gateway.panelOrigin}/panel/`);
    await stranger.getByRole('heading', { name: 'Sign in to Studio Gateway' }).waitFor();
    await stranger.getByText('studio-gateway panel-link').waitFor();
    await stranger.screenshot({ path: `${SCREENSHOTS}sign-in.png`, fullPage: true });

    const link = harness.tg.gateway.issueLoginLink();
    await OwnerPanel.signIn(link); // someone else got there first
    await stranger.goto(link);
    await stranger.getByRole('alert').getByText(/already used or has expired/).waitFor();

    const panel = await signIn();
    await open(panel, 'settings', 'Settings');
    const card = panel.getByRole('region', { name: 'Signed-in browsers' });
    await card.getByText('This browser').waitFor();
    // The test's own owner session, the one that took the link first, and this browser.
    expect(await card.locator('[data-browser-session]').count()).toBe(3);
    await card.locator('[data-browser-session]').filter({ hasText: 'This browser' }).getByRole('button', { name: 'Sign out' }).click();
    await panel.getByRole('heading', { name: 'Sign in to Studio Gateway' }).waitFor();
    await panel.getByText('You signed out of this browser.').waitFor();
    expect((await harness.tg.owner.ok('browsers.list')).length).toBe(2);
  });

  it('shows the limits for apps in Settings, and saves the one the owner may change', async () => {
    const panel = await signIn();
    await open(panel, 'settings', 'Settings');
    const card = panel.getByRole('region', { name: 'Limits for apps' });
    await card.getByText('At most 3 calls from one app wait for your approval at a time.').waitFor();
    await card.getByLabel('Requests at once, per app').fill('30');
    await card.getByLabel('Then per minute, per app').fill('120');
    await card.getByRole('button', { name: 'Save limit' }).click();
    await expect.poll(async () => (await harness.tg.owner.ok('settings.get')).limits.toolCalls).toEqual({ burst: 30, perMinute: 120 });
  });

  it('a tab whose sign-in ended does not sign out the newer sign-in of another tab: it goes on with it', async () => {
    const stale = await signIn();
    const staleSession = (await harness.tg.owner.ok('browsers.list')).find((s) => s.browser.startsWith('Chrome'))?.id ?? '';
    const fresh = await signIn();
    await harness.tg.owner.ok('browsers.signOut', { id: staleSession });
    // The stale tab's next poll is refused; it must leave the newer key alone and carry on with it.
    await stale.waitForResponse((r) => r.url().includes('/api/control/') && r.status() === 401);
    await stale.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await fresh.reload();
    await fresh.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    expect(await fresh.getByRole('heading', { name: 'Sign in to Studio Gateway' }).count()).toBe(0);
  });

  it('opens the consent dialog by itself for each new request, one after another, without a reload', async () => {
    const panel = await signIn();
    for (const name of ['First agent', 'Second agent']) {
      const clientId = await registerClient(harness.tg, { client_name: name });
      await new TestBrowser(harness.tg.gateway.issuer).navigate(authorizeUrl(harness.tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }));
      const dialog = panel.getByRole('dialog', { name: `${name} asks for access` });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Deny' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    expect(await harness.tg.owner.ok('consent.list')).toEqual([]);
  });

  it('asks on first launch how to start, labels the demo studio while it is in use, and replaces it in one step', async () => {
    const fresh = await startTestGateway({ demo: false });
    try {
      const page = await harness.context.newPage();
      await page.goto(fresh.gateway.issueLoginLink());
      const welcome = page.getByRole('dialog', { name: 'Welcome to Studio Gateway' });
      await welcome.waitFor();
      expect(fresh.gateway.services.storage.customers.list({}, { limit: 1 }).items).toHaveLength(0);
      await page.screenshot({ path: `${SCREENSHOTS}first-launch.png` });
      await welcome.getByRole('button', { name: 'Try the demo studio' }).click();
      const banner = page.getByRole('note', { name: 'Demo studio' });
      await banner.waitFor();
      expect(fresh.gateway.services.storage.customers.list({}, { limit: 1 }).items).toHaveLength(1);
      await banner.getByRole('button', { name: 'Start my own studio…' }).click();
      await page.getByRole('dialog', { name: 'Replace the demo with your own studio?' }).getByRole('button', { name: 'Remove the sample data' }).click();
      await banner.waitFor({ state: 'detached' });
      expect((await fresh.owner.ok('gateway.status')).workspace).toBe('own');
      expect(fresh.gateway.services.storage.customers.list({}, { limit: 1 }).items).toHaveLength(0);
    } finally {
      await fresh.close();
    }
  });

  it('can be used with the keyboard alone', async () => {
    const panel = await signIn();
    for (let i = 0; i < 3; i++) await panel.keyboard.press('Tab');
    const focused = await panel.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Connected apps');
    await panel.keyboard.press('Enter');
    await panel.getByRole('heading', { name: 'Connected apps', level: 1 }).waitFor();
  });
});
