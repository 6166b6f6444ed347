import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/main/storage/customers-repo.ts';
import { defined } from '../support/defined.ts';
import { bearerClient } from '../support/mcp-agent.ts';
import { call } from '../support/tools.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';

// Approvals as the owner meets them in real Chromium: the call in words with the record's real name, what happens
// if she does not answer, the dialog on whatever page she is on, the tab's count, and Deny and pause this app.

/** What the owner can read, without what a closed disclosure hides. */
const visibleText = (locator: Locator) => locator.evaluate((el) => (el as HTMLElement).innerText);

describe.runIf(CHROMIUM)('approvals', () => {
  const harness = usePanelHarness({
    prepare: (tg) => tg.owner.ok('settings.update', { approvals: { enabled: true, timeoutSeconds: 60 } }),
    defaultTimeout: 8000,
  });
  const { signIn } = harness;

  /** Goes to a page through its link in the panel's navigation, as the owner would. */
  async function open(page: Page, path: string, title: string): Promise<void> {
    await page.getByRole('link', { name: new RegExp(`^${title}`) }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    expect(page.url()).toContain(`#/${path}`);
  }

  /** An agent named `name` allowed to delete clients (a setup snippet's token). */
  async function deleter(name: string): Promise<{ agent: Client; clientId: string }> {
    const minted = await harness.tg.owner.ok('tokens.mint', { bundle: 'custom', scopes: ['delete:clients', 'read:clients'], clientName: name, expiresInDays: 7 });
    return { agent: await bearerClient(harness.tg.gateway.mcpUrl, minted.token), clientId: minted.clientId };
  }

  /** Demo clients with past bookings only (delete_client may run on them), and how many bookings each has. */
  function deletableClients(): { client: Customer; bookings: number }[] {
    const { storage } = harness.tg.gateway.services;
    const now = harness.tg.gateway.services.now();
    return storage.customers
      .list({}, { limit: 500 })
      .items.filter((c) => storage.bookings.liveUpcomingForClient(c.id, now) === 0)
      .map((client) => ({ client, bookings: storage.bookings.list({ clientId: client.id }, { limit: 10_000 }).items.length }))
      .filter(({ bookings }) => bookings > 1);
  }

  const waiting = (n: number) => expect.poll(async () => (await harness.tg.owner.ok('approvals.list')).length, { timeout: 5000 }).toBe(n);

  it('names the record and the size of the change, says when the agent is told no, counts down, and keeps the raw call under Details', async () => {
    const { client, bookings } = defined(deletableClients()[0], 'a deletable client');
    const { agent } = await deleter('Cursor');
    const panel = await signIn();
    const held = call(agent, 'delete_client', { client_id: client.id });

    const dialog = panel.getByRole('dialog', { name: 'Waiting for your approval' });
    await dialog.waitFor();
    const notes = client.notes.trim() ? ' and notes' : '';
    await dialog.getByText(`Delete client ${client.name} — ${bookings} bookings${notes}`).waitFor();
    expect(await dialog.locator('strong', { hasText: client.name }).count()).toBe(1);
    await dialog.getByText('Cursor', { exact: true }).waitFor();
    // The outcome of silence, with a live countdown.
    const deadline = dialog.getByRole('timer');
    const first = await deadline.innerText();
    expect(first).toMatch(/^If you don't answer in (5\d s|1 min), the agent is told no\.$/);
    const secondsLeft = (text: string) => (text.includes('1 min') ? 60 : Number(/in (\d+) s/.exec(text)?.[1]));
    await expect.poll(async () => secondsLeft(await deadline.innerText()), { timeout: 4000 }).toBeLessThan(secondsLeft(first));
    // A deletion says it cannot be undone, and its main button is Deny, not Approve.
    await dialog.getByText("This can't be undone.").waitFor();
    expect(await dialog.getByRole('button', { name: 'Deny', exact: true }).getAttribute('class')).toBe('primary');
    expect(await dialog.getByRole('button', { name: 'Approve', exact: true }).getAttribute('class')).toBeNull();
    // It opens on a button that changes nothing; the raw call is one click away, never on the first layer.
    expect(await panel.evaluate(() => document.activeElement?.textContent)).toBe('Deny');
    const firstLayer = await visibleText(dialog);
    for (const hidden of [client.id, 'delete_client', 'client_id', '{']) expect(firstLayer).not.toContain(hidden);
    await dialog.getByText('Details').click();
    expect(await visibleText(dialog)).toContain(client.id);
    await dialog.getByText('Details').click();
    for (const theme of ['light', 'dark'] as const) {
      await panel.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      await panel.screenshot({ path: `${SCREENSHOTS}approval-dialog${theme === 'dark' ? '-dark' : ''}.png` });
    }

    await dialog.getByRole('button', { name: 'Deny', exact: true }).click();
    await panel.getByRole('status').getByText('Denied. Cursor was told no.').waitFor();
    expect((await held).isError).toBe(true);
    expect(harness.tg.gateway.services.storage.customers.find(client.id)).toBeDefined();
    await dialog.waitFor({ state: 'detached' });
    await agent.close();
  });

  it('opens on whatever page is open, counts what waits in the tab title, and a link from a notification opens a call put aside', async () => {
    const [one, two] = deletableClients();
    const { agent } = await deleter('Claude Desktop');
    const panel = await signIn();
    await open(panel, 'audit', 'Audit log');
    expect(await panel.title()).toBe('Studio Gateway');

    const first = call(agent, 'delete_client', { client_id: defined(one, 'a client').client.id });
    await waiting(1);
    const second = call(agent, 'delete_client', { client_id: defined(two, 'another client').client.id });
    await waiting(2);
    const dialog = panel.getByRole('dialog', { name: 'Waiting for your approval' });
    await dialog.waitFor();
    // Still on the audit log, under the dialog.
    await panel.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await expect.poll(() => panel.title(), { timeout: 5000 }).toBe('(2) Studio Gateway');
    await dialog.getByText('1 of 2').waitFor();
    await dialog.getByText(`Delete client ${one?.client.name ?? ''}`).waitFor();
    await panel.screenshot({ path: `${SCREENSHOTS}approval-on-another-page.png` });

    // Decide later: the next one shows; Escape puts that aside too, and the dialog closes. Both still wait.
    await dialog.getByRole('button', { name: 'Decide later' }).click();
    await dialog.getByText(`Delete client ${two?.client.name ?? ''}`).waitFor();
    await panel.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.title()).toBe('(2) Studio Gateway');

    // What a notification opens: the panel on that call, whichever page it was on.
    const [firstCall] = await harness.tg.owner.ok('approvals.list');
    await panel.evaluate((hash) => (window.location.hash = hash), `#/approvals?call=${firstCall?.id ?? ''}`);
    await dialog.getByText(`Delete client ${one?.client.name ?? ''}`).waitFor();
    await dialog.getByRole('button', { name: 'Deny', exact: true }).click();
    expect((await first).isError).toBe(true);
    await expect.poll(() => panel.title(), { timeout: 5000 }).toBe('(1) Studio Gateway');
    const [secondCall] = await harness.tg.owner.ok('approvals.list');
    await harness.tg.owner.ok('approvals.decide', { id: secondCall?.id ?? '', decision: 'deny' });
    await second;
    await expect.poll(() => panel.title(), { timeout: 5000 }).toBe('Studio Gateway');
    await agent.close();
  });

  it('asks to notify only on a click, then notifies when the panel tab is in the background; the notification opens the call', async () => {
    // Records what the page shows through the real Notification (and lets a test click one): a spy, not a stand-in.
    await harness.context.addInitScript(() => {
      const Real = window.Notification;
      const shown: { title: string; body: string; click: () => void }[] = [];
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body ?? '', click: () => this.onclick?.(new Event('click')) });
        }
      }
      Object.assign(window, { Notification: Recorded, shownNotifications: shown });
    });
    const { client } = defined(deletableClients()[0], 'a deletable client');
    const { agent } = await deleter('Zed');
    const panel = await signIn();
    // The browser is asked only when the owner clicks the offer; once answered, the offer goes away.
    await open(panel, 'approvals', 'Approvals');
    expect(await panel.evaluate(() => Notification.permission)).toBe('default');
    const offer = panel.getByRole('button', { name: 'Tell me with a notification' });
    await harness.context.grantPermissions(['notifications']);
    await offer.click();
    await offer.waitFor({ state: 'detached' });
    await open(panel, 'settings', 'Settings');
    // Another tab in front: the panel is in the background (headless Chromium tells every tab it has the focus
    // unless told to stop pretending).
    const other = await harness.context.newPage();
    await other.bringToFront();
    await (await harness.context.newCDPSession(panel)).send('Emulation.setFocusEmulationEnabled', { enabled: false });
    await expect.poll(() => panel.evaluate(() => document.hidden || !document.hasFocus())).toBe(true);
    const held = call(agent, 'delete_client', { client_id: client.id });
    const shown = () => panel.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications.map(({ title, body }) => ({ title, body })));
    await expect.poll(shown, { timeout: 5000 }).toHaveLength(1);
    const [notice] = await shown();
    expect(notice?.title).toBe('“Zed” is waiting for your approval');
    expect(notice?.body).toContain(`Delete client ${client.name}`);
    expect(notice?.body).toContain("If you don't answer in 1 min, the agent is told no.");
    await panel.evaluate(() => (window as unknown as { shownNotifications: { click: () => void }[] }).shownNotifications[0]?.click());
    expect(panel.url()).toContain('#/approvals?call=');
    await panel.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    await panel.getByRole('dialog', { name: 'Waiting for your approval' }).getByRole('button', { name: 'Deny', exact: true }).click();
    expect((await held).isError).toBe(true);
    await agent.close();
  });

  it('Deny and pause this app denies the call and pauses that one app: its next request is refused, other apps go on', async () => {
    const [one] = deletableClients();
    const paused = await deleter('Windsurf');
    const other = await deleter('Cursor');
    const panel = await signIn();
    const held = call(paused.agent, 'delete_client', { client_id: defined(one, 'a client').client.id });
    const dialog = panel.getByRole('dialog', { name: 'Waiting for your approval' });
    await dialog.getByText('Windsurf', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Deny and pause this app' }).click();
    await panel.getByRole('status').getByText('Denied, and Windsurf is paused until you resume it on Connected apps.').waitFor();
    const answer = await held;
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('paused this app');

    expect((await harness.tg.owner.ok('apps.list')).map((app) => [app.name, app.paused]).sort()).toEqual([
      ['Cursor', false],
      ['Windsurf', true],
    ]);
    await expect(call(paused.agent, 'list_clients', {})).rejects.toThrow(/paused this app/);
    expect((await call(other.agent, 'list_clients', {})).isError).toBe(false);

    // Undone from the apps' data: the app's next request goes through again.
    await harness.tg.owner.ok('apps.setPaused', { clientId: paused.clientId, paused: false });
    expect((await call(paused.agent, 'list_clients', {})).isError).toBe(false);
    expect(harness.tg.gateway.services.storage.customers.find(one?.client.id ?? '')).toBeDefined();
    await Promise.all([paused.agent.close(), other.agent.close()]);
  });
});
