import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { GatewaySettings } from '../../src/shared/control-api.ts';
import { startTestGateway } from '../support/gateway.ts';
import { bearerClient, mcpClient, TestAgent, transportFor } from '../support/mcp-agent.ts';
import { call } from '../support/tools.ts';
import { CHROMIUM } from './chromium.ts';
import { PANEL_PAGES } from '../../src/shared/panel-pages.ts';
import { usePanelHarness } from './panel-harness.ts';

// axe-core (the engine behind Lighthouse and the browsers' accessibility audits) on every page of the panel, in the
// light and the dark theme, with something on each page to show. Serious and critical violations fail the test, each
// named by where it was found, the rule, and the elements.

type Theme = Exclude<GatewaySettings['theme'], 'system'>;

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
  const harness = usePanelHarness({
    // Something on every page: a connected app with activity (the overview, apps, the log and its chart).
    prepare: async (tg) => {
      const agent = await bearerClient(tg.gateway.mcpUrl, (await tg.owner.ok('tokens.mint', { bundle: 'personal-assistant', clientName: 'Claude Code', expiresInDays: 30 })).token);
      for (const name of ['list_classes', 'list_bookings', 'get_profile']) await call(agent, name);
      await agent.close();
    },
  });

  async function signIn(theme: Theme): Promise<Page> {
    await harness.tg.owner.ok('settings.update', { theme });
    const page = await harness.signIn();
    await page.waitForFunction((expected) => document.documentElement.dataset.theme === expected, theme);
    return page;
  }

  async function open(page: Page, path: string, title: string): Promise<void> {
    await harness.open(page, path, title);
    await settled(page);
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical violation on any page in the ${theme} theme`, { timeout: 120_000 }, async () => {
      const page = await signIn(theme);
      const found: string[] = [];
      for (const { path, title } of PANEL_PAGES) {
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

      const stranger = await harness.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
      try {
        const signInPage = await stranger.newPage();
        await signInPage.goto(`${harness.tg.gateway.panelOrigin}/panel/`);
        await signInPage.getByRole('heading', { name: 'Sign in to Studio Gateway' }).waitFor();
        found.push(...(await violations(signInPage, `sign-in page (${theme})`)));
      } finally {
        await stranger.close();
      }

      const fresh = await startTestGateway({ demo: false });
      try {
        await fresh.owner.ok('settings.update', { theme });
        const first = await harness.context.newPage();
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
      await mcpClient().connect(transportFor(harness.tg, agent)).catch(() => undefined);
      const agentContext = await harness.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
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
      const [request] = await harness.tg.owner.ok('consent.list');
      await harness.tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'deny' });
      await consent.waitFor({ state: 'detached' });

      // A destructive call held for the owner's approval.
      await harness.tg.owner.ok('settings.update', { approvals: { enabled: true } });
      const deleter = await bearerClient(harness.tg.gateway.mcpUrl, (await harness.tg.owner.ok('tokens.mint', { bundle: 'custom', scopes: ['delete:financials'], clientName: 'Bookkeeper', expiresInDays: 7 })).token);
      const [expense] = harness.tg.gateway.services.storage.expenses.list({}, { limit: 1 }).items;
      const held = call(deleter, 'delete_expense', { expense_id: expense?.id });
      await expect.poll(async () => (await harness.tg.owner.ok('approvals.list')).length).toBe(1);
      await open(page, 'approvals', 'Approvals');
      await page.getByText('Bookkeeper').first().waitFor();
      found.push(...(await violations(page, `approval waiting (${theme})`)));
      const [approval] = await harness.tg.owner.ok('approvals.list');
      await harness.tg.owner.ok('approvals.decide', { id: approval?.id ?? '', decision: 'deny' });
      await held;
      await deleter.close();
      expect(found).toEqual([]);
    });
  }
});
