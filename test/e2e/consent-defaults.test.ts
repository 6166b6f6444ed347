import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCOPE_NAMES } from '../../src/shared/scopes.ts';
import { startAgentCallback, type AgentCallback } from '../support/agent-callback.ts';
import { TestBrowser, type Landing } from '../support/browser.ts';
import { authorizeUrl, pkcePair, REDIRECT, registerClient } from '../support/oauth.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';

// The consent dialog as the owner meets it in real Chromium: safe defaults, plain words, how long access lasts.

/** axe's serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const results = await builder.analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

/** What the owner can read, without what a closed disclosure hides. */
const visibleText = (locator: Locator) => locator.evaluate((el) => (el as HTMLElement).innerText);

/** The element's box lies wholly inside the window, without scrolling. */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

describe.runIf(CHROMIUM)('the consent dialog', () => {
  const harness = usePanelHarness({ defaultTimeout: 8000 });
  const { signIn } = harness;

  /** An app asks for these scopes; its browser (a TestBrowser) waits at the interaction page. */
  async function asks(name: string, scope: string): Promise<{ agent: TestBrowser; waiting: Landing; clientId: string }> {
    const clientId = await registerClient(harness.tg, { client_name: name });
    const agent = new TestBrowser(harness.tg.gateway.issuer);
    const url = authorizeUrl(harness.tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope, code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
    const waiting = await agent.navigate(url);
    if (!waiting.url.pathname.startsWith('/interaction/')) throw new Error(`no waiting page: ${waiting.url.href}`);
    return { agent, waiting, clientId };
  }

  it('never pre-selects deleting or money, marks them risky in words, sums up in one line, and opens on a safe button', async () => {
    const { clientId, waiting } = await asks('Studio helper', 'mcp:tools offline_access openid read:clients write:clients delete:clients read:financials write:bookings');
    const panel = await signIn();
    const dialog = panel.getByRole('dialog', { name: 'Studio helper asks for access' });
    await dialog.waitFor();
    // It opens on a button that decides nothing.
    expect(await panel.evaluate(() => document.activeElement?.textContent)).toBe('Decide later');

    const remove = dialog.getByRole('checkbox', { name: /Permanently delete clients/ });
    const money = dialog.getByRole('checkbox', { name: /See your earnings/ });
    expect(await remove.isChecked()).toBe(false);
    expect(await money.isChecked()).toBe(false);
    expect(await dialog.getByRole('checkbox', { name: /Edit notes and tags/ }).isChecked()).toBe(true);
    // Marked in words beside the colour: the words are part of each box's name.
    expect(await dialog.getByRole('checkbox', { name: /Permanently delete clients.*Risky: can't be undone/ }).count()).toBe(1);
    expect(await dialog.getByRole('checkbox', { name: /See your earnings.*Risky: your money/ }).count()).toBe(1);
    expect(await dialog.getByRole('checkbox', { name: /Risky/ }).count()).toBe(2);

    const summary = dialog.getByTestId('access-summary');
    expect(await summary.innerText()).toBe('Could change bookings and notes on your clients');
    await remove.check();
    await money.check();
    expect(await summary.innerText()).toBe('Could permanently delete clients · could see your earnings · could change bookings and notes on your clients');
    expect(await summary.locator('strong').allInnerTexts()).toEqual(['Could permanently delete clients', 'could see your earnings']);
    await money.uncheck();

    // Approve selected is the one primary action. "Approve all" with risky permissions unticked first names them and
    // asks again, on a button that goes back.
    expect(await dialog.getByRole('button', { name: 'Approve selected' }).getAttribute('class')).toContain('primary');
    expect(await dialog.getByRole('button', { name: 'Approve all' }).getAttribute('class')).toBeNull();
    await dialog.getByRole('button', { name: 'Approve all' }).click();
    const confirm = dialog.getByRole('group', { name: 'Approve all?' });
    expect(await visibleText(confirm)).toMatch(/^Approve all also lets Studio helper:\n.*See your earnings.*\(Risky: your money\)/s);
    expect(await visibleText(confirm)).not.toContain('Permanently delete clients'); // ticked above: not news
    expect(await panel.evaluate(() => document.activeElement?.textContent)).toBe('Back');
    await panel.screenshot({ path: `${SCREENSHOTS}consent-approve-all.png` });
    await confirm.getByRole('button', { name: 'Back' }).click();
    expect(await dialog.getByRole('button', { name: 'Approve selected' }).count()).toBe(1);

    // Unverified, explained in one sentence; no protocol term until Details is opened.
    await dialog.getByText("Studio Gateway can't confirm who made this app — only approve it if you just set it up yourself.").waitFor();
    const firstLayer = await visibleText(dialog);
    for (const term of ['mcp:tools', 'offline_access', 'openid', 'delete:clients', 'read:', clientId, '127.0.0.1', 'redirect', 'tier', 'scope']) {
      expect(firstLayer.toLowerCase(), term).not.toContain(term.toLowerCase());
    }
    await panel.screenshot({ path: `${SCREENSHOTS}consent-defaults.png` });
    await dialog.getByText('Details', { exact: true }).click();
    const opened = await visibleText(dialog);
    for (const term of ['mcp:tools', 'offline_access', 'delete:clients', clientId, '127.0.0.1:52345']) expect(opened, term).toContain(term);

    await dialog.getByRole('button', { name: 'Approve selected' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Exactly what was ticked and what is always included: deleting clients yes, money no.
    const request = harness.tg.gateway.services.storage.consentRequests.findByInteraction(waiting.url.pathname.split('/')[2] ?? '');
    expect(request?.grantedScopes).toEqual(['write:bookings', 'read:clients', 'write:clients', 'delete:clients', 'mcp:tools', 'offline_access', 'openid']);
  });

  it('says "1 of 3" with three apps waiting and moves between them; Decide later closes without deciding', async () => {
    for (const name of ['First agent', 'Second agent', 'Third agent']) await asks(name, 'mcp:tools read:profile');
    const panel = await signIn();
    const first = panel.getByRole('dialog', { name: 'First agent asks for access' });
    await first.waitFor();
    await first.getByText('1 of 3 waiting').waitFor();
    // Nothing risky asked for: "Approve all" is offered beside "Approve selected".
    expect(await first.getByRole('button', { name: 'Approve all' }).count()).toBe(1);
    expect(await first.getByRole('button', { name: 'Previous request' }).isDisabled()).toBe(true);
    await first.getByRole('button', { name: 'Next request' }).click();
    const second = panel.getByRole('dialog', { name: 'Second agent asks for access' });
    await second.getByText('2 of 3 waiting').waitFor();
    await second.getByRole('button', { name: 'Next request' }).click();
    const third = panel.getByRole('dialog', { name: 'Third agent asks for access' });
    await third.getByText('3 of 3 waiting').waitFor();
    expect(await third.getByRole('button', { name: 'Next request' }).isDisabled()).toBe(true);
    await third.getByRole('button', { name: 'Previous request' }).click();
    await second.getByText('2 of 3 waiting').waitFor();

    // Deciding one brings the next waiting one, now "1 of 2".
    await second.getByRole('button', { name: 'Deny' }).click();
    await first.getByText('1 of 2 waiting').waitFor();
    await first.getByRole('button', { name: 'Decide later' }).click();
    await first.waitFor({ state: 'detached' });
    await panel.waitForTimeout(2000); // two polls of the list: nothing opens again by itself
    expect(await panel.getByRole('dialog').count()).toBe(0);
    expect((await harness.tg.owner.ok('consent.list')).map((r) => r.clientName)).toEqual(['First agent', 'Third agent']);

    // The list says what each asks for in words; where the answer goes is the dialog's Details.
    await panel.goto(`${harness.tg.gateway.panelOrigin}/panel/#/consent`);
    const list = panel.getByRole('region', { name: 'Waiting for your decision' });
    await list.getByText('Third agent').waitFor();
    expect(await list.getByTestId('access-summary').allInnerTexts()).toEqual(['Could see your profile', 'Could see your profile']);
    expect(await visibleText(list)).not.toMatch(/127\.0\.0\.1|redirect|mcp:tools|read:profile/i);
    await panel.screenshot({ path: `${SCREENSHOTS}consent-list.png` });
    await list.getByRole('button', { name: 'Review Third agent' }).click();
    await third.getByText('2 of 2 waiting').waitFor();
  });

  it('keeps how long access lasts in view without scrolling, at 1280×800 and 900 px wide, with every permission asked for', async () => {
    await asks('Greedy agent', SCOPE_NAMES.join(' '));
    const panel = await signIn();
    const dialog = panel.getByRole('dialog', { name: 'Greedy agent asks for access' });
    await dialog.waitFor();
    for (const width of [1280, 900]) {
      await panel.setViewportSize({ width, height: 800 });
      await panel.waitForTimeout(200);
      expect(await inView(panel, dialog.getByRole('combobox', { name: 'Access lasts' })), `${width}: duration`).toBe(true);
      expect(await inView(panel, dialog.getByTestId('access-summary')), `${width}: summary`).toBe(true);
      expect(await inView(panel, dialog.getByRole('button', { name: 'Approve selected' })), `${width}: approve`).toBe(true);
      await panel.screenshot({ path: `${SCREENSHOTS}consent-every-permission-${width}.png` });
    }
    // Every risky one is unticked; every other is ticked.
    for (const box of await dialog.getByRole('checkbox').all()) {
      const name = (await box.getAttribute('aria-label')) ?? (await box.evaluate((el) => (el.closest('label') as HTMLElement).innerText));
      expect(await box.isChecked(), name).toBe(!name.includes('Risky'));
    }
  });

  it('shows the chosen duration the same everywhere: "until I revoke it" has no date anywhere, 30 days shows that date', async () => {
    const forever = await asks('Forever agent', 'mcp:tools read:classes');
    const panel = await signIn();
    let dialog = panel.getByRole('dialog', { name: 'Forever agent asks for access' });
    await dialog.waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Access lasts' }).inputValue()).toBe('0');
    expect(await dialog.getByTestId('access-ends').innerText()).toBe('No end date: you can revoke it any time under Connected apps.');
    await dialog.getByRole('button', { name: 'Approve selected' }).click();
    await panel.getByRole('status').getByText('Approved Forever agent until you revoke it.').waitFor();
    expect((await forever.agent.navigate(forever.waiting.url)).url.searchParams.get('code')).toBeTruthy();

    const monthly = await asks('Monthly agent', 'mcp:tools read:classes');
    dialog = panel.getByRole('dialog', { name: 'Monthly agent asks for access' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Access lasts' }).selectOption({ label: '30 days' });
    const ends = (await dialog.getByTestId('access-ends').innerText()).replace(/^Ends /, '');
    await dialog.getByRole('button', { name: 'Approve selected' }).click();
    await panel.getByRole('status').getByText(`Approved Monthly agent until ${ends}.`).waitFor();
    expect((await monthly.agent.navigate(monthly.waiting.url)).url.searchParams.get('code')).toBeTruthy();

    const apps = await harness.tg.owner.ok('apps.list');
    const byName = (name: string) => apps.find((app) => app.name === name);
    expect(byName('Forever agent')?.expiresAt).toBeNull();
    const monthEnd = Date.parse(byName('Monthly agent')?.expiresAt ?? '');
    expect(Math.abs(monthEnd - (Date.now() + 30 * 86_400_000))).toBeLessThan(120_000);

    await panel.goto(`${harness.tg.gateway.panelOrigin}/panel/#/apps`);
    const foreverCard = panel.locator(`[data-client-id="${forever.clientId}"]`);
    const monthlyCard = panel.locator(`[data-client-id="${monthly.clientId}"]`);
    await foreverCard.waitFor();
    // The day it ends, as the dialog said it (the time of day may have moved on by a minute).
    const day = ends.split(', ').slice(0, 2).join(', ');
    expect(await monthlyCard.innerText()).toContain(day);
    // No end date for the one approved until revoked: no year after this one anywhere on its card.
    const thisYear = new Date().getFullYear();
    const years = [...(await foreverCard.innerText()).matchAll(/\b(20\d\d|2[1-9]\d\d)\b/g)].map((m) => Number(m[1]));
    expect(years.filter((year) => year > thisYear)).toEqual([]);
  });

  it('in a step-up, shows what the app may already do, locked on, and grants exactly that plus what is ticked', async () => {
    const first = await asks('Growing agent', 'mcp:tools read:profile');
    const [request] = await harness.tg.owner.ok('consent.list');
    await harness.tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: ['mcp:tools', 'read:profile'] });
    expect((await first.agent.navigate(first.waiting.url)).url.searchParams.get('code')).toBeTruthy();

    const again = new TestBrowser(harness.tg.gateway.issuer);
    const url = authorizeUrl(harness.tg, { response_type: 'code', client_id: first.clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile write:profile delete:clients', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
    const waiting = await again.navigate(url);
    const panel = await signIn();
    const dialog = panel.getByRole('dialog', { name: 'Growing agent asks for access' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('already-allowed').innerText()).toBe('Growing agent is already connected and could see your profile now. It asks for more: approving adds what you tick to the same app.');
    const held = dialog.getByRole('checkbox', { name: /See your profile.*already allowed/ });
    expect([await held.isChecked(), await held.isDisabled()]).toEqual([true, true]);
    expect(await dialog.getByRole('checkbox', { name: /Permanently delete clients/ }).isChecked()).toBe(false);
    expect(await dialog.getByTestId('access-summary').innerText()).toBe('Could change your profile');
    await dialog.getByRole('button', { name: 'Approve selected' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await again.navigate(waiting.url)).url.searchParams.get('code')).toBeTruthy();
    const [app] = await harness.tg.owner.ok('apps.list');
    expect(app?.scopes).toEqual(['read:profile', 'write:profile', 'mcp:tools']);
  });

  it('passes axe in the consent dialog, light and dark', async () => {
    await asks('Checked agent', 'mcp:tools read:clients delete:clients read:financials');
    const panel = await signIn();
    const dialog = panel.getByRole('dialog', { name: 'Checked agent asks for access' });
    await dialog.waitFor();
    expect(await seriousViolations(panel, '[role="dialog"]')).toEqual([]);
    await panel.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    expect(await seriousViolations(panel, '[role="dialog"]')).toEqual([]);
    await dialog.getByText('Details', { exact: true }).click();
    await panel.screenshot({ path: `${SCREENSHOTS}consent-dialog-dark-details.png` });
  });
});

describe.runIf(CHROMIUM)("the agent's waiting page", () => {
  let callback: AgentCallback;

  // The waiting page is the gateway's own: it needs no built panel.
  const harness = usePanelHarness({ defaultTimeout: 8000, needsPanel: false });
  beforeEach(async () => {
    callback = await startAgentCallback();
  });
  afterEach(async () => {
    callback.close();
  });

  it('says what happens in a live status line, with no meta refresh and nothing the CSP blocks, and moves on by itself', async () => {
    const redirect = callback.redirectUri;
    const clientId = await registerClient(harness.tg, { client_name: 'Browser agent', redirect_uris: [redirect] });
    const tab = await harness.context.newPage();
    const refused: string[] = [];
    tab.on('console', (message) => {
      // The page's own requests and scripts (a favicon the gateway does not have is no refusal).
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) refused.push(`${message.text()} ${message.location().url}`);
    });
    await tab.goto(authorizeUrl(harness.tg, { response_type: 'code', client_id: clientId, redirect_uri: redirect, scope: 'mcp:tools read:clients delete:clients', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }).href);
    const status = tab.getByRole('status');
    await status.getByText('Waiting for your decision').waitFor();
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await tab.locator('meta[http-equiv]').count()).toBe(0);
    await tab.getByText("Studio Gateway can't confirm who made this app — only approve it if you just set it up yourself.").waitFor();
    expect(await tab.getByText('Could permanently delete clients').isVisible()).toBe(true);
    // The script runs and asks: it is the gateway's own, allowed by the page's CSP.
    await tab.waitForResponse((response) => response.url().endsWith('/status') && response.status() === 200);
    expect(refused).toEqual([]);
    expect(await seriousViolations(tab)).toEqual([]);
    await tab.screenshot({ path: `${SCREENSHOTS}waiting-page.png` });
    await tab.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(tab)).toEqual([]);
    await tab.screenshot({ path: `${SCREENSHOTS}waiting-page-dark.png` });

    const [request] = await harness.tg.owner.ok('consent.list');
    await harness.tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: ['mcp:tools', 'read:clients'] });
    await tab.getByText('You can close this tab.').waitFor();
    expect(callback.redirected()?.searchParams.get('code')).toBeTruthy();
  });
});
