import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/main/audit/audit-log.ts';
import type { Gateway } from '../../src/main/gateway.ts';
import { bearerClient, postMcp, toolCall } from '../support/mcp-agent.ts';
import { call } from '../support/tools.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';

// The audit log as the owner reads it, in real Chromium against a real gateway: what agents did in sentences, each
// outcome in its own words, technical events one switch away, dates, the chart, a link to one app, and the export.

/** Noon (UTC) yesterday: the seeded rows' time, inside yesterday in any time zone within ±11 h. */
const yesterdayNoon = () => {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - 1, 12);
};

/** Yesterday's log: an app that listed classes three times, and two technical events. Written before sign-in, so in time order. */
function seedYesterday(gateway: Gateway): void {
  let t = yesterdayNoon();
  const audit = createAuditLog(gateway.services.storage, () => (t += 60_000));
  for (let i = 0; i < 3; i++) audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'list_classes', clientId: 'cli_early', clientName: 'Early Bird', status: 'ok', durationMs: 1 });
  audit.record({ kind: 'mcp', endpoint: 'initialize', clientId: 'cli_early', clientName: 'Early Bird', status: 'ok', durationMs: 1 });
  audit.record({ kind: 'oauth', endpoint: 'token', clientId: 'cli_early', clientName: 'Early Bird', status: 'ok', httpStatus: 200, durationMs: 1 });
}

/** The log's entry whose sentence matches. */
const entry = (panel: Page, sentence: string | RegExp): Locator => panel.locator('.log-row').filter({ has: panel.getByRole('button', { name: sentence }) });

const countText = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'entry' : 'entries'}`;
const shownCount = (panel: Page) => panel.locator('#log-heading + [aria-live]');

describe.runIf(CHROMIUM)('the audit log in Chromium', () => {
  const harness = usePanelHarness({ gateway: { beforeSignIn: seedYesterday }, context: { locale: 'en-US', acceptDownloads: true } });

  /** A setup key for an app with these permissions, under the app's name. */
  async function appToken(name: string, scopes: string[]): Promise<{ token: string; clientId: string }> {
    const minted = await harness.tg.owner.ok('tokens.mint', { bundle: 'custom', scopes, clientName: name, expiresInDays: 1 });
    return { token: minted.token, clientId: minted.clientId };
  }

  async function waitingCall(): Promise<string> {
    for (;;) {
      const [waiting] = await harness.tg.owner.ok('approvals.list');
      if (waiting) return waiting.id;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function signIn(path: string): Promise<Page> {
    const panel = await harness.signIn();
    await harness.open(panel, path, 'Audit log');
    return panel;
  }

  it('tells what agents did in sentences with names, each outcome in its own words, and keeps technical events behind a switch', async () => {
    const cursor = await appToken('Cursor', ['read:clients', 'write:clients', 'delete:clients']);
    const claude = await appToken('Claude Desktop', ['read:classes']);
    const vscode = await appToken('VS Code', ['read:profile']);
    await harness.tg.owner.ok('settings.update', { approvals: { enabled: true, timeoutSeconds: 10 } });
    const storage = harness.tg.gateway.services.storage;
    const [anna, ben] = storage.customers.list({}, { limit: 200 }).items.filter((c) => !storage.bookings.list({ clientId: c.id }, { limit: 1 }).items.length);
    if (!anna || !ben) throw new Error('the demo studio has fewer than two clients without bookings');

    // Cursor: a note (done), a delete the owner denies, and one nobody answers (times out after 10 s).
    const agent = await bearerClient(harness.tg.gateway.mcpUrl, cursor.token);
    await call(agent, 'update_client_notes', { client_id: anna.id, notes: 'Prefers mornings' });
    const denied = call(agent, 'delete_client', { client_id: anna.id });
    await harness.tg.owner.ok('approvals.decide', { id: await waitingCall(), decision: 'deny' });
    expect((await denied).isError).toBe(true);
    const timedOut = call(agent, 'delete_client', { client_id: ben.id });
    // Claude Desktop: a change outside what it may do (blocked).
    const blocked = await bearerClient(harness.tg.gateway.mcpUrl, claude.token);
    expect((await call(blocked, 'create_class', { title: 'Sunrise Flow', duration_minutes: 60, capacity: 10, price: 20 })).isError).toBe(true);
    await blocked.close();
    // VS Code: one request over its limit (rate-limited).
    await harness.tg.owner.ok('settings.update', { toolCallLimit: { burst: 1, perMinute: 1 } });
    const headers = { authorization: `Bearer ${vscode.token}` };
    await postMcp(harness.tg.gateway.mcpUrl, toolCall('get_profile'), headers);
    expect((await postMcp(harness.tg.gateway.mcpUrl, toolCall('get_profile'), headers)).status).toBe(429);
    await harness.tg.owner.ok('settings.update', { toolCallLimit: { burst: 100, perMinute: 1000 } });
    expect((await timedOut).isError).toBe(true);
    await agent.close();

    const panel = await signIn('audit');
    const sentences: [string | RegExp, string][] = [
      [`Cursor added a note to ${anna.name}`, 'Done'],
      [new RegExp(`^Cursor tried to delete client ${anna.name}`), 'Denied by you'],
      [new RegExp(`^Cursor tried to delete client ${ben.name}`), 'Timed out'],
      [/^Claude Desktop was blocked: it may not create and change classes/, 'Blocked'],
      ['VS Code was slowed down: too many requests at once', 'Too many requests'],
    ];
    for (const [sentence, outcome] of sentences) await expect.poll(() => entry(panel, sentence).locator('.badge').first().textContent(), { timeout: 10_000 }).toBe(outcome);
    // The owner's own decisions are on the record too.
    await entry(panel, /^You denied (a|Cursor's) request that waited for you$/).waitFor();
    await entry(panel, 'You made a setup key for Cursor').waitFor();
    await panel.screenshot({ path: `${SCREENSHOTS}audit-log-sentences.png`, fullPage: true });

    // Technical events (signing in, connecting, looking up tools) are left out until asked for, in the rows and the count.
    const activity = (await harness.tg.owner.ok('audit.count', { events: 'activity' })).count;
    const everything = (await harness.tg.owner.ok('audit.count', {})).count;
    expect(everything).toBeGreaterThan(activity);
    await expect.poll(() => shownCount(panel).textContent()).toBe(countText(activity));
    expect(await panel.getByRole('button', { name: /connected$/ }).count()).toBe(0);
    await panel.getByLabel('Technical events').check();
    await expect.poll(() => shownCount(panel).textContent()).toBe(countText(everything));
    await panel.getByRole('button', { name: 'Cursor connected' }).first().waitFor();
    await panel.getByLabel('Technical events').uncheck();
    await expect.poll(() => shownCount(panel).textContent()).toBe(countText(activity));

    // One outcome at a time.
    await panel.getByRole('combobox', { name: /^Outcome/ }).selectOption({ label: 'Blocked' });
    await expect.poll(() => shownCount(panel).textContent()).toBe(countText((await harness.tg.owner.ok('audit.count', { events: 'activity', outcome: 'blocked' })).count));
    expect(new Set(await panel.locator('.log-row .badge').allTextContents())).toEqual(new Set(['Blocked']));

    // An entry's details: the sentence and what its outcome means first; the technical fields one click further.
    await entry(panel, /^Claude Desktop was blocked/).getByRole('button').click();
    const dialog = panel.getByRole('dialog');
    await dialog.getByText('Blocked', { exact: true }).waitFor();
    expect(await dialog.getByText('Hash').isVisible()).toBe(false);
    await dialog.getByText('Details', { exact: true }).click();
    expect(await dialog.getByText('Hash').isVisible()).toBe(true);
    expect(await dialog.getByText(/insufficient_scope: needs write:classes/).isVisible()).toBe(true);
    await panel.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.evaluate(() => document.activeElement?.className)).toBe('log-sentence');

    // A list of entries, each with a real button: nothing serious for a screen reader, in either theme.
    for (const theme of ['light', 'dark'] as const) {
      await harness.tg.owner.ok('settings.update', { theme });
      await panel.reload();
      await panel.locator('.log-row').first().waitFor();
      await expect.poll(() => panel.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const { violations } = await new AxeBuilder({ page: panel }).analyze();
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${theme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  }, 60_000);

  it('narrows by a date preset, by a day of the chart and by the app a link names, and says where the export went', async () => {
    const cursor = await appToken('Cursor', ['read:classes']);
    const agent = await bearerClient(harness.tg.gateway.mcpUrl, cursor.token);
    for (let i = 0; i < 4; i++) await call(agent, 'list_classes');
    await agent.close();
    const other = await bearerClient(harness.tg.gateway.mcpUrl, (await appToken('Claude Desktop', ['read:profile'])).token);
    await call(other, 'get_profile');
    await other.close();

    const panel = await signIn('audit');
    const presetCount = async (preset: string, filter: Record<string, unknown>) => {
      await panel.getByRole('group', { name: 'When' }).getByRole('button', { name: preset }).click();
      const expected = (await harness.tg.owner.ok('audit.count', { events: 'activity', ...filter })).count;
      await expect.poll(() => shownCount(panel).textContent()).toBe(countText(expected));
      return expected;
    };
    // Yesterday: Early Bird's three calls (its technical events left out); Today: everything since midnight.
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    const yesterday = new Date(midnight.getTime() - 86_400_000);
    expect(await presetCount('Yesterday', { from: yesterday.toISOString(), to: midnight.toISOString() })).toBe(3);
    expect(await panel.getByRole('button', { name: /^Early Bird listed/ }).count()).toBe(3);
    expect(await panel.getByLabel('From').inputValue()).toMatch(/T00:00$/);
    expect(await presetCount('Today', { from: midnight.toISOString() })).toBeGreaterThan(3);
    expect(await panel.getByRole('group', { name: 'When' }).getByRole('button', { name: 'Today' }).getAttribute('aria-pressed')).toBe('true');
    await presetCount('7 days', { from: new Date(midnight.getTime() - 6 * 86_400_000).toISOString() });
    await panel.getByRole('button', { name: 'Any time' }).click();

    // The chart writes each day's count, and a day filters the log to what its bar counted.
    const day = new Date(yesterdayNoon()).toISOString().slice(0, 10);
    const bar = panel.getByRole('group', { name: /pick a day/ }).getByRole('button', { name: /: 3 actions$/ });
    await bar.waitFor();
    expect(await bar.textContent()).toContain('3');
    await bar.click();
    const to = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
    await expect.poll(() => shownCount(panel).textContent()).toBe(countText((await harness.tg.owner.ok('audit.count', { events: 'activity', from: `${day}T00:00:00.000Z`, to })).count));
    expect(await bar.getAttribute('aria-pressed')).toBe('true');
    await bar.click();
    await expect.poll(() => panel.getByLabel('From').inputValue()).toBe('');

    // A Connected apps card links to one app's activity.
    await panel.goto(`${harness.tg.gateway.panelOrigin}/panel/#/audit?app=${encodeURIComponent(cursor.clientId)}`);
    const forCursor = (await harness.tg.owner.ok('audit.count', { events: 'activity', clientId: cursor.clientId })).count;
    expect(forCursor).toBe(5); // the setup key, and four calls
    await expect.poll(() => shownCount(panel).textContent()).toBe(countText(forCursor));
    expect(await panel.getByRole('combobox', { name: /^App/ }).locator('option:checked').textContent()).toBe('Cursor');
    expect(new Set((await panel.locator('.log-sentence').allTextContents()).map((s) => s.split(' ')[0]))).toEqual(new Set(['Cursor', 'You']));

    // The export says where it went, and holds what the log shows.
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export CSV' }).click()]);
    const saved = panel.getByRole('status').filter({ hasText: 'Saved to' });
    await saved.waitFor();
    expect(await saved.textContent()).toBe(`Saved to your browser's downloads as ${download.suggestedFilename()} (${countText(forCursor)}).`);
    expect(readFileSync((await download.path()) ?? '', 'utf8').trim().split('\n')).toHaveLength(forCursor + 1);
    await panel.screenshot({ path: `${SCREENSHOTS}audit-log-one-app.png`, fullPage: true });
  }, 60_000);
});
