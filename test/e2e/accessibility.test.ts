import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GatewaySettings } from '../../src/shared/control-api.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { bearerClient, mcpClient, TestAgent, transportFor } from '../support/mcp-agent.ts';
import { call } from '../support/tools.ts';
import { CHROMIUM, launchChromium, PANEL_BUILT } from './chromium.ts';

// axe-core (the engine behind Lighthouse and the browsers' accessibility audits) on every page of the panel, in the
// light and the dark theme, with something on each page to show. Serious and critical violations fail the test, each
// named by where it was found, the rule, and the elements.

type Theme = Exclude<GatewaySettings['theme'], 'system'>;

/** Every page of the panel: its path and its heading. */
const PAGES: [string, string][] = [
  ['overview', 'Overview'],
  ['consent', 'Consent requests'],
  ['apps', 'Connected apps'],
  ['setup', 'Agent setup'],
  ['approvals', 'Approvals'],
  ['audit', 'Audit log'],
  ['connections', 'Connections'],
  ['settings', 'Settings'],
];

let browser: Browser;
let tg: TestGateway;
let context: BrowserContext;

/** axe on the page as it is now: its serious and critical violations, one line each ("where: rule — elements"). */
async function violations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').trim()}]` : ''}`).join('; ')}`);
}

/** Waits until a page shows what it read (no "Loading…" left) and has stopped moving. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
  await page.waitForTimeout(400);
}

describe.runIf(CHROMIUM)('accessibility of every page (axe), light and dark', () => {
  beforeAll(async () => {
    if (!PANEL_BUILT) throw new Error('The control panel is not built: run `npx electron-vite build` (./run test does).');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    tg = await startTestGateway();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Something on every page: a connected app with activity (the overview, apps, the log and its chart).
    const agent = await bearerClient(tg.gateway.mcpUrl, (await tg.owner.ok('tokens.mint', { bundle: 'personal-assistant', clientName: 'Claude Code', expiresInDays: 30 })).token);
    for (const name of ['list_classes', 'list_bookings', 'get_profile']) await call(agent, name);
    await agent.close();
  });
  afterEach(async () => {
    await context.close();
    await tg.close();
  });

  async function signIn(theme: Theme): Promise<Page> {
    await tg.owner.ok('settings.update', { theme });
    const page = await context.newPage();
    await page.goto(tg.gateway.issueLoginLink());
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.waitForFunction((expected) => document.documentElement.dataset.theme === expected, theme);
    return page;
  }

  async function open(page: Page, path: string, title: string): Promise<void> {
    await page.goto(`${tg.gateway.panelOrigin}/panel/#/${path}`);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await settled(page);
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical violation on any page in the ${theme} theme`, { timeout: 120_000 }, async () => {
      const page = await signIn(theme);
      const found: string[] = [];
      for (const [path, title] of PAGES) {
        await open(page, path, title);
        found.push(...(await violations(page, `${path} (${theme})`)));
      }
      // The questions the pages ask (revoking an app, wiping the studio), and the first-launch and sign-in pages.
      await open(page, 'apps', 'Connected apps');
      await page.getByRole('button', { name: /^Revoke/ }).first().click();
      const revoke = page.getByRole('dialog');
      await revoke.waitFor();
      found.push(...(await violations(page, `revoke dialog (${theme})`)));
      await revoke.getByRole('button', { name: 'Cancel' }).click();
      await revoke.waitFor({ state: 'detached' });
      await open(page, 'settings', 'Settings');
      await page.getByRole('button', { name: 'Wipe and start empty…' }).click();
      await page.getByRole('dialog', { name: 'Wipe the workspace?' }).waitFor();
      found.push(...(await violations(page, `wipe dialog (${theme})`)));

      const stranger = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
      try {
        const signInPage = await stranger.newPage();
        await signInPage.goto(`${tg.gateway.panelOrigin}/panel/`);
        await signInPage.getByRole('heading', { name: 'Sign in to Studio Gateway' }).waitFor();
        found.push(...(await violations(signInPage, `sign-in page (${theme})`)));
      } finally {
        await stranger.close();
      }

      const fresh = await startTestGateway({ demo: false });
      try {
        await fresh.owner.ok('settings.update', { theme });
        const first = await context.newPage();
        await first.goto(fresh.gateway.issueLoginLink());
        await first.getByRole('dialog', { name: 'Welcome to Studio Gateway' }).waitFor();
        await settled(first);
        found.push(...(await violations(first, `first launch (${theme})`)));
      } finally {
        await fresh.close();
      }
      expect(found).toEqual([]);
    });

    it(`has no serious or critical violation where the owner decides, in the ${theme} theme`, { timeout: 120_000 }, async () => {
      // An agent waiting for consent: its own waiting page, and the owner's consent dialog.
      const agent = new TestAgent('Accessible agent', 47_999);
      await mcpClient().connect(transportFor(tg, agent)).catch(() => undefined);
      const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
      const found: string[] = [];
      try {
        const waiting = await agentContext.newPage();
        await waiting.goto((agent.authorizationUrl as URL).href);
        await waiting.getByText('Waiting for your approval').waitFor();
        found.push(...(await violations(waiting, `agent waiting page (${theme})`)));
      } finally {
        await agentContext.close();
      }
      const page = await signIn(theme);
      const consent = page.getByRole('dialog', { name: /Accessible agent/ });
      await consent.waitFor();
      await settled(page);
      found.push(...(await violations(page, `consent dialog (${theme})`)));
      const [request] = await tg.owner.ok('consent.list');
      await tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'deny' });
      await consent.waitFor({ state: 'detached' });

      // A destructive call held for the owner's approval.
      await tg.owner.ok('settings.update', { approvals: { enabled: true } });
      const deleter = await bearerClient(tg.gateway.mcpUrl, (await tg.owner.ok('tokens.mint', { bundle: 'custom', scopes: ['delete:financials'], clientName: 'Bookkeeper', expiresInDays: 7 })).token);
      const [expense] = tg.gateway.services.storage.expenses.list({}, { limit: 1 }).items;
      const held = call(deleter, 'delete_expense', { expense_id: expense?.id });
      await expect.poll(async () => (await tg.owner.ok('approvals.list')).length).toBe(1);
      await open(page, 'approvals', 'Approvals');
      await page.getByText('Bookkeeper').first().waitFor();
      found.push(...(await violations(page, `approval waiting (${theme})`)));
      const [approval] = await tg.owner.ok('approvals.list');
      await tg.owner.ok('approvals.decide', { id: approval?.id ?? '', decision: 'deny' });
      await held;
      await deleter.close();
      expect(found).toEqual([]);
    });
  }
});
