import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bookingWhere } from '../support/demo-lookups.ts';
import { INITIALIZE, postMcp, toolCall } from '../support/mcp-agent.ts';
import { codeFlow, exchange, registerClient } from '../support/oauth.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';

// Connected apps as an owner reads them, in real Chromium against a real gateway: what each app did, telling
// look-alikes apart, the revoked ones, Edit permissions (and the app's next call held to it), durations, search.

/** axe's serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

describe.runIf(CHROMIUM)('connected apps in Chromium', () => {
  const harness = usePanelHarness();

  async function openApps(): Promise<Page> {
    const page = await harness.signIn();
    await harness.open(page, 'apps', 'Connected apps');
    return page;
  }

  /** An app signed in through the browser, approved by the owner until she revokes it, with its tokens. */
  async function connected(scope: string, name = 'Cursor') {
    const flow = await codeFlow(harness.tg, { clientId: await registerClient(harness.tg, { client_name: name }), scope });
    return { clientId: flow.clientId, tokens: (await exchange(harness.tg, flow)).body };
  }

  const call = (token: string | undefined, body: unknown) => postMcp(harness.tg.gateway.mcpUrl, body, { authorization: `Bearer ${token}` });
  const cardOf = (page: Page, clientId: string): Locator => page.locator(`[data-client-id="${clientId}"]`);
  /** What a card says before its Details: the owner's first layer. */
  const firstLayer = (card: Locator) => card.evaluate((el) => [...el.children].filter((child) => child.tagName !== 'DETAILS').map((child) => (child as HTMLElement).innerText).join('\n'));

  it('says on the card what the app did lately, in words, and links to its activity and its actions in the timeline', async () => {
    const app = await connected('mcp:tools read:messages write:messages read:bookings write:bookings');
    const thread = harness.tg.gateway.services.storage.threads.list({}, { limit: 1 }).items[0]?.id ?? '';
    const booking = bookingWhere(harness.tg.gateway.services, (b, session) => b.status === 'confirmed' && session.startsAt > harness.tg.gateway.services.now()).id;
    expect((await call(app.tokens.access_token, toolCall('send_message', { thread_id: thread, body: 'See you on Monday!' }))).status).toBe(200);
    expect((await call(app.tokens.access_token, toolCall('cancel_booking', { booking_id: booking }))).status).toBe(200);

    const page = await openApps();
    const card = cardOf(page, app.clientId);
    const deeds = await card.getByTestId('recent-deeds').textContent();
    expect(deeds).toMatch(/sent 1 message/i);
    expect(deeds).toMatch(/cancelled 1 booking/i);
    expect(await card.getByTestId('request-count').textContent()).toBe('2 requests in the last 7 days');
    expect(await card.getByTestId('last-used').textContent()).toMatch(/^Last used /);

    await card.getByRole('button', { name: 'Timeline' }).click();
    const actions = card.getByRole('list', { name: 'Latest actions' });
    await actions.waitFor();
    const items = await actions.getByRole('listitem').allInnerTexts();
    expect(items.some((item) => item.includes('Cursor') && item.includes('Done'))).toBe(true);
    expect(items.some((item) => item.includes('You let Cursor connect'))).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}connected-apps-activity.png`, fullPage: true });

    await card.getByRole('link', { name: 'See its activity in the log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/audit?app=${encodeURIComponent(app.clientId)}`);
  });

  it('tells look-alikes apart: a warning, a fingerprint each, how each connected and when it was first seen', async () => {
    const first = await connected('mcp:tools read:profile', 'Cursor');
    const second = await connected('mcp:tools read:profile', 'Cursor');
    const snippet = await harness.tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Claude Desktop', expiresInDays: 30 });

    const page = await openApps();
    await page.getByRole('status').filter({ hasText: 'Two apps are called Cursor — check the fingerprints' }).waitFor();
    const [a, b] = [cardOf(page, first.clientId), cardOf(page, second.clientId)];
    const [codeA, codeB] = [await a.getByTestId('fingerprint').innerText(), await b.getByTestId('fingerprint').innerText()];
    expect(codeA).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    expect(codeA).not.toBe(codeB);
    expect(await a.locator('.fingerprint').getAttribute('title')).toContain('Two apps can have the same name but not the same code');
    expect(await a.getByText('Same name as another app').isVisible()).toBe(true);
    expect(await a.locator('.app-origin').innerText()).toMatch(/^Signed in through your browser · first seen /);
    expect(await cardOf(page, snippet.clientId).locator('.app-origin').innerText()).toMatch(/^Set up by you in Agent setup · first seen /);
    expect(await cardOf(page, snippet.clientId).getByText('Same name as another app').count()).toBe(0);

    // The first layer speaks plainly; the client id and the scopes wait under Details.
    const words = await firstLayer(a);
    for (const term of [first.clientId, 'mcp:tools', 'read:profile', 'scope', 'token', 'grant', 'OAuth']) expect(words).not.toContain(term);
    await a.getByText('Details').click();
    expect(await a.locator('details').innerText()).toContain(first.clientId);
    expect(await a.locator('details').innerText()).toContain('mcp:tools');
    await page.screenshot({ path: `${SCREENSHOTS}connected-apps-look-alikes.png`, fullPage: true });
  });

  it('moves a revoked app to a collapsed Revoked section, with its timeline and activity one click away', async () => {
    const app = await connected('mcp:tools read:profile');
    await call(app.tokens.access_token, toolCall('get_profile'));
    const page = await openApps();
    await cardOf(page, app.clientId).getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click();
    await page.getByRole('status').getByText('was revoked').waitFor();
    expect((await call(app.tokens.access_token, INITIALIZE)).status).toBe(401);

    const section = page.getByTestId('revoked-apps');
    await section.getByText('Revoked (1)').waitFor();
    expect(await section.getAttribute('open')).toBeNull();
    const card = cardOf(page, app.clientId);
    expect(await card.isVisible()).toBe(false);
    await section.getByText('Revoked (1)').click();
    expect(await card.getByText(/^Revoked /).isVisible()).toBe(true);
    expect(await card.getByTestId('recent-deeds').textContent()).toBe('Looked at your profile once.');
    await card.getByRole('button', { name: 'Timeline' }).click();
    const milestones = card.getByRole('list', { name: 'Connection timeline' });
    await milestones.waitFor();
    expect(await milestones.getByRole('listitem').last().innerText()).toMatch(/^You revoked it\n(?!not yet)/);
    expect(await card.getByRole('list', { name: 'Latest actions' }).innerText()).toContain("You revoked Cursor's access");
    expect(await card.getByRole('link', { name: 'See its activity in the log' }).getAttribute('href')).toBe(`#/audit?app=${encodeURIComponent(app.clientId)}`);
  });

  it("takes a permission away without revoking: the app's very next call with it is refused, the others still work", async () => {
    const app = await connected('mcp:tools offline_access read:profile write:profile read:bookings');
    expect((await call(app.tokens.access_token, toolCall('update_profile', { name: 'Maya' }))).status).toBe(200);

    const page = await openApps();
    const card = cardOf(page, app.clientId);
    await card.getByRole('button', { name: 'Edit permissions' }).click();
    const dialog = page.getByRole('dialog', { name: 'What may Cursor do?' });
    await dialog.waitFor();
    // It opens on a safe button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await dialog.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    await dialog.getByRole('group', { name: 'Profile', exact: true }).getByRole('radio', { name: 'See', exact: true }).check();
    expect(await dialog.getByRole('list', { name: 'It could no longer' }).innerText()).toContain('Change your name and settings');
    await page.screenshot({ path: `${SCREENSHOTS}connected-apps-edit-permissions.png` });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('This applies from its next request').waitFor();

    const refused = await call(app.tokens.access_token, toolCall('update_profile', { name: 'Maya L.' }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toContain('write:profile');
    expect((await call(app.tokens.access_token, toolCall('get_profile'))).status).toBe(200);
    await expect.poll(() => card.getByTestId('access-summary').innerText()).not.toContain('could change your profile');
    expect(await card.getByTestId('access-summary').innerText()).toContain('see your profile');
    expect(await page.getByTestId('revoked-apps').count()).toBe(0);
  });

  it('gives more only through a consent step the owner confirms, and then at once', async () => {
    const app = await connected('mcp:tools read:profile read:messages');
    const thread = harness.tg.gateway.services.storage.threads.list({}, { limit: 1 }).items[0]?.id ?? '';
    const send = () => call(app.tokens.access_token, toolCall('send_message', { thread_id: thread, body: 'Hello!' }));
    expect((await send()).status).toBe(403);

    const page = await openApps();
    await cardOf(page, app.clientId).getByRole('button', { name: 'Edit permissions' }).click();
    const dialog = page.getByRole('dialog', { name: 'What may Cursor do?' });
    await dialog.getByRole('group', { name: 'Messages', exact: true }).getByRole('radio', { name: 'Read and send', exact: true }).check();
    await dialog.getByRole('button', { name: 'Review and allow…' }).click();
    const consent = page.getByRole('dialog', { name: 'Let Cursor do more?' });
    await consent.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Back');
    expect(await consent.getByRole('list', { name: 'It could also' }).innerText()).toBe('Send messages on your behalf');
    // Nothing changes before the owner allows it.
    expect((await send()).status).toBe(403);
    await consent.getByRole('button', { name: 'Allow' }).click();
    await consent.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('This applies from its next request').waitFor();
    expect((await send()).status).toBe(200);
    const { rows } = await harness.tg.owner.ok('audit.list', { endpoint: 'apps.editPermissions', limit: 5 });
    expect(rows[0]).toMatchObject({ status: 'ok', clientId: app.clientId });
    expect(JSON.parse(rows[0]?.args ?? '{}')).toMatchObject({ confirmedWidening: true });
  });

  it('pauses one app and resumes it from its card', async () => {
    const app = await connected('mcp:tools read:profile');
    const page = await openApps();
    const card = cardOf(page, app.clientId);
    await card.getByRole('button', { name: 'Pause' }).click();
    await card.getByText('Paused by you: everything Cursor asks is refused until you resume it.').waitFor();
    const paused = await call(app.tokens.access_token, toolCall('get_profile'));
    expect(paused.status).not.toBe(200);
    await card.getByRole('button', { name: 'Resume' }).click();
    await card.getByText('Paused by you').waitFor({ state: 'detached' });
    expect((await call(app.tokens.access_token, toolCall('get_profile'))).status).toBe(200);
  });

  it('shows the duration the owner chose, and counts and last use from the same calls', async () => {
    const forever = await connected('mcp:tools read:profile', 'Claude Desktop');
    // Signing in and the handshake are not uses.
    expect((await call(forever.tokens.access_token, INITIALIZE)).status).toBe(200);
    const week = await harness.tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Weekly helper', expiresInDays: 7 });

    const page = await openApps();
    const card = cardOf(page, forever.clientId);
    const lasts = await card.getByTestId('access-lasts').innerText();
    expect(lasts).toContain('Access lasts until you revoke it');
    expect(lasts.split('·')[1]).not.toMatch(/\d/);
    expect(await card.getByTestId('last-used').innerText()).toBe('Never used');
    expect(await card.getByTestId('request-count').innerText()).toBe('0 requests in the last 7 days');
    expect(await cardOf(page, week.clientId).getByTestId('access-lasts').innerText()).toMatch(/Access ends .*\d/);

    await call(forever.tokens.access_token, toolCall('get_profile'));
    await call(forever.tokens.access_token, toolCall('update_profile', { name: 'Maya' }));
    await page.reload();
    await card.getByTestId('request-count').filter({ hasText: /^2 requests in the last 7 days, 1 not done$/ }).waitFor();
    expect(await card.getByTestId('last-used').innerText()).toMatch(/^Last used /);
  });

  it('offers search and sort once there are more than a handful of apps', { timeout: 60_000 }, async () => {
    const names = ['Delta', 'Alpha', 'Echo', 'Bravo', 'Foxtrot'];
    const minted = [];
    for (const name of names) minted.push(await harness.tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: name, expiresInDays: 7 }));
    const page = await openApps();
    await cardOf(page, minted[0]?.clientId ?? '').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search apps' }).count()).toBe(0);

    // A newcomer, a moment later (the panel signs by its own clock: a small step keeps its signatures fresh).
    harness.tg.clock.advance(2000);
    const charlie = await harness.tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Charlie', expiresInDays: 7 });
    await call(minted[2]?.token, toolCall('get_profile'));
    // Read again now rather than at the page's next poll.
    await page.reload();
    const search = page.getByRole('searchbox', { name: 'Search apps' });
    await search.waitFor();
    const headings = () => page.locator('.app-card h2').allInnerTexts();
    // Last used first (Echo made a call), the others after it by name.
    expect(await headings()).toEqual(['Echo', 'Alpha', 'Bravo', 'Charlie', 'Delta', 'Foxtrot']);
    await page.getByLabel('Sort by').selectOption('name');
    expect(await headings()).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot']);
    await page.getByLabel('Sort by').selectOption('first-seen');
    expect((await headings())[0]).toBe('Charlie');

    await search.fill('bra');
    expect(await headings()).toEqual(['Bravo']);
    expect(await page.getByText('1 of 6 apps').isVisible()).toBe(true);
    const code = (await harness.tg.owner.ok('apps.list')).find((a) => a.clientId === charlie.clientId)?.fingerprint ?? '';
    await search.fill(code.replace('-', '').toLowerCase());
    expect(await headings()).toEqual(['Charlie']);
    await search.fill('nothing like this');
    await page.getByText('No app matches “nothing like this”.').waitFor();
  });

  it('passes axe with everything the page can show open: look-alikes, a paused app, a timeline, the revoked section and both steps of Edit permissions', { timeout: 90_000 }, async () => {
    const first = await connected('mcp:tools read:profile', 'Cursor');
    await connected('mcp:tools read:profile write:profile', 'Cursor');
    const gone = await connected('mcp:tools read:profile', 'Old helper');
    await call(first.tokens.access_token, toolCall('get_profile'));
    await harness.tg.owner.ok('apps.setPaused', { clientId: first.clientId, paused: true });
    await harness.tg.owner.ok('apps.revoke', { clientId: gone.clientId });
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await harness.tg.owner.ok('settings.update', { theme });
      const page = await openApps();
      await page.waitForFunction((expected) => document.documentElement.dataset.theme === expected, theme);
      const card = cardOf(page, first.clientId);
      await card.getByRole('button', { name: 'Timeline' }).click();
      await card.getByRole('list', { name: 'Latest actions' }).waitFor();
      await page.getByTestId('revoked-apps').getByText('Revoked (1)').click();
      found.push(...(await seriousViolations(page, `apps (${theme})`)));
      await card.getByRole('button', { name: 'Edit permissions' }).click();
      const dialog = page.getByRole('dialog', { name: 'What may Cursor do?' });
      await dialog.getByRole('group', { name: 'Bookings', exact: true }).getByRole('radio', { name: 'See, change and delete' }).check();
      found.push(...(await seriousViolations(page, `edit permissions (${theme})`)));
      await dialog.getByRole('button', { name: 'Review and allow…' }).click();
      await page.getByRole('dialog', { name: 'Let Cursor do more?' }).waitFor();
      found.push(...(await seriousViolations(page, `let it do more (${theme})`)));
      await page.screenshot({ path: `${SCREENSHOTS}connected-apps-let-it-do-more-${theme}.png` });
      await page.keyboard.press('Escape');
      await page.close();
    }
    expect(found).toEqual([]);
  });
});
