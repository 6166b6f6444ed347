import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bearerClient, postMcp, tokenWithScopes, toolCall } from '../support/mcp-agent.ts';
import { call } from '../support/tools.ts';
import { CHROMIUM } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';

// The audit log's filter changed while a page of the old filter was still on its way: what arrives late must never
// show under the new filter's count.

/** How long each page of the log takes to come back once the test slows the control API down. */
const SLOW_PAGE_MS = 1500;

/** What the log showed at one moment: the count's text and the rows' ids, top to bottom. */
interface Seen {
  count: string;
  ids: number[];
}

describe.runIf(CHROMIUM)('the audit log when its filter changes while a page loads', () => {
  const harness = usePanelHarness({ context: { locale: 'en-US' } });

  /** Records what the log shows after every change to the page, until the test reads it. */
  async function watchLog(panel: Page): Promise<() => Promise<Seen[]>> {
    await panel.evaluate(() => {
      const seen: { count: string; ids: number[] }[] = [];
      const look = () => {
        const count = document.querySelector('#log-heading + [aria-live]')?.textContent ?? '';
        const ids = [...document.querySelectorAll('[data-audit-id]')].map((row) => Number(row.getAttribute('data-audit-id')));
        seen.push({ count, ids });
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      Object.assign(window, { seenInLog: seen });
    });
    return () => panel.evaluate(() => (window as unknown as { seenInLog: Seen[] }).seenInLog);
  }

  it.each([
    ['changed to another tool', 'get_profile'],
    ['reset to all tools', ''],
  ] as const)('shows only the new filter’s rows under its count when the filter is %s', async (_, tool) => {
    const agent = await bearerClient(harness.tg.gateway.mcpUrl, await tokenWithScopes(harness.tg, ['read:profile']));
    for (let i = 0; i < 5; i++) await call(agent, 'get_profile');
    await agent.close();
    await postMcp(harness.tg.gateway.mcpUrl, toolCall('update_profile', { name: 'x' }), { authorization: `Bearer ${await tokenWithScopes(harness.tg, ['read:classes'])}` });

    const panel = await harness.signIn();
    await panel.goto(`${harness.tg.gateway.panelOrigin}/panel/#/audit`);
    await panel.locator('.log-row').first().waitFor();
    // What the log asks for: what agents did (no technical events), and the tool when one is chosen.
    const filter = { events: 'activity' as const, ...(tool ? { tool } : {}) };
    const expected = await harness.tg.owner.ok('audit.list', { ...filter, limit: 200 });
    const total = (await harness.tg.owner.ok('audit.count', filter)).count;
    const countText = `${total.toLocaleString('en-US')} ${total === 1 ? 'entry' : 'entries'}`;
    expect(total).not.toBe((await harness.tg.owner.ok('audit.count', { events: 'activity', tool: 'update_profile' })).count);

    // From here on every page of the log is slow to come back; the count is not.
    await panel.route('**/api/control/audit.list', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, SLOW_PAGE_MS));
      await route.continue().catch(() => undefined);
    });
    const seen = await watchLog(panel);
    const oldPage = panel.waitForRequest((r) => r.url().endsWith('/api/control/audit.list') && (r.postData() ?? '').includes('"update_profile"'));
    await panel.getByRole('combobox', { name: /^Action/ }).selectOption('update_profile');
    const late = await oldPage;
    await panel.getByRole('combobox', { name: /^Action/ }).selectOption(tool);
    await late.response(); // the old filter's page has come back, after the filter changed

    // The new filter's rows, newest first, under its count; nothing of the old filter's page ever showed under it.
    await panel.getByText(countText, { exact: true }).waitFor();
    const shownIds = () => panel.locator('[data-audit-id]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-audit-id'))));
    const newestFirst = (ids: number[]) => ids.every((id, i) => id === expected.rows[i]?.id);
    const top = expected.rows.slice(0, 5).map((r) => r.id);
    await expect.poll(async () => (await shownIds()).slice(0, top.length), { timeout: 10_000 }).toEqual(top);
    if (tool) expect(await shownIds()).toEqual(expected.rows.map((r) => r.id));
    else expect(newestFirst(await shownIds())).toBe(true);
    expect((await seen()).filter((s) => s.count === countText && !newestFirst(s.ids))).toEqual([]);
  });
});
