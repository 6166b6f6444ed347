import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.ts';
import { bearerClient } from '../support/mcp-agent.ts';
import { call } from '../support/tools.ts';
import { authorizeUrl, pkcePair, REDIRECT, registerClient } from '../support/oauth.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';

// The panel with the keyboard alone, its questions that delete or replace, and a narrow or zoomed window, in real
// Chromium against a real gateway.

/** What has focus, described well enough to compare: its tag, its name, and whether it is inside an open dialog. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase(), text: el?.textContent?.trim() ?? '', label: el?.getAttribute('aria-label') ?? '', inDialog: Boolean(el?.closest('[role=dialog]')) };
  });
}

describe.runIf(CHROMIUM)('keyboard, confirmations and narrow windows in Chromium', () => {
  const harness = usePanelHarness({ context: { acceptDownloads: true } });
  const { signIn, open } = harness;

  it('opens a dialog on Cancel, keeps Tab and Shift+Tab inside it, and Escape gives focus back to what opened it', async () => {
    const panel = await signIn();
    const opener = panel.getByRole('button', { name: 'Start my own studio…' });
    await opener.focus();
    await panel.keyboard.press('Enter');
    const dialog = panel.getByRole('dialog', { name: 'Replace the demo with your own studio?' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    // Labelled by its visible title, and described by what it does.
    const title = await dialog.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent);
    expect(title).toBe('Replace the demo with your own studio?');
    expect(await focused(panel)).toMatchObject({ tag: 'button', text: 'Cancel', inDialog: true });

    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      await panel.keyboard.press('Tab');
      const now = await focused(panel);
      expect(now.inDialog, `Tab ${i + 1} left the dialog`).toBe(true);
      seen.push(now.text);
    }
    expect(seen).toEqual(['Remove the sample data', 'Cancel', 'Remove the sample data', 'Cancel', 'Remove the sample data']);
    for (let i = 0; i < 3; i++) {
      await panel.keyboard.press('Shift+Tab');
      expect((await focused(panel)).inDialog, `Shift+Tab ${i + 1} left the dialog`).toBe(true);
    }

    await panel.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(panel)).toMatchObject({ tag: 'button', text: 'Start my own studio…', inDialog: false });
    // Nothing was done: the sample studio is still there.
    expect((await harness.tg.owner.ok('gateway.status')).workspace).toBe('demo');
  });

  it('keeps focus on a permission checkbox when Space ticks it in the consent dialog, and on Agent setup', async () => {
    const clientId = await registerClient(harness.tg, { client_name: 'Keyboard agent' });
    await new TestBrowser(harness.tg.gateway.issuer).navigate(
      authorizeUrl(harness.tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile read:classes read:bookings', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }),
    );
    const panel = await signIn();
    const dialog = panel.getByRole('dialog', { name: /Keyboard agent/ });
    await dialog.waitFor();
    const boxes = dialog.locator('input[type=checkbox]:not([disabled])');
    expect(await boxes.count()).toBeGreaterThan(1);
    for (const index of [0, 1]) {
      const box = boxes.nth(index);
      await box.focus();
      const before = await box.isChecked();
      await panel.keyboard.press('Space');
      await expect.poll(() => box.isChecked()).toBe(!before);
      // Still there after the re-render the tick caused, and on the same box.
      await panel.waitForTimeout(200);
      expect(await box.evaluate((el) => el === document.activeElement), `checkbox ${index} lost focus`).toBe(true);
      await panel.keyboard.press('Space');
      await expect.poll(() => box.isChecked()).toBe(before);
      expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    await dialog.getByRole('button', { name: 'Deny' }).click();
    await dialog.waitFor({ state: 'detached' });

    await open(panel, 'setup', 'Agent setup');
    await panel.getByRole('radio', { name: /^Custom/ }).check();
    const custom = panel.getByRole('checkbox', { name: 'See the bookings on your classes' });
    await custom.focus();
    await panel.keyboard.press('Space');
    await expect.poll(() => custom.isChecked()).toBe(true);
    expect(await custom.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('keeps Wipe off until the owner types the word exactly, and offers a working export first', async () => {
    const panel = await signIn();
    await open(panel, 'settings', 'Settings');
    await panel.getByRole('button', { name: 'Wipe and start empty…' }).click();
    const dialog = panel.getByRole('dialog', { name: 'Wipe the workspace?' });
    await dialog.waitFor();
    const field = dialog.getByLabel('Type wipe to confirm');
    const wipe = dialog.getByRole('button', { name: 'Wipe everything' });
    // It opens on the field to type in, never on the button that deletes.
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    for (const typed of ['', 'wip', 'Wipe', 'WIPE', ' wipe', 'wipe ', 'wiped']) {
      await field.fill(typed);
      expect(await wipe.isDisabled(), `"${typed}" enabled Wipe`).toBe(true);
    }
    expect(await dialog.getByText('Wipe everything turns on once you type wipe.').isVisible()).toBe(true);

    const [download] = await Promise.all([panel.waitForEvent('download'), dialog.getByRole('button', { name: 'Export first' }).click()]);
    const saved = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as { clients: unknown[] };
    const clients = harness.tg.gateway.services.storage.customers.list({}, { limit: 1000 }).items.length;
    expect(saved.clients).toHaveLength(clients);
    await dialog.getByRole('status').getByText(`Saved ${download.suggestedFilename()} to your downloads`).waitFor();
    expect(clients).toBeGreaterThan(0);

    await field.fill('wipe');
    expect(await wipe.isEnabled()).toBe(true);
    await wipe.click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => harness.tg.gateway.services.storage.customers.list({}, { limit: 1 }).items.length).toBe(0);
  });

  it('asks before an import replaces everything, naming the file and what it holds, and changes nothing on Cancel', async () => {
    const exported = await harness.tg.owner.ok('workspace.export');
    const file = join(harness.tg.dataDir, 'my-studio.json');
    writeFileSync(file, exported.json);
    await harness.tg.owner.ok('workspace.wipe', { confirm: 'wipe' });
    const clients = () => harness.tg.gateway.services.storage.customers.list({}, { limit: 1000 }).items.length;
    expect(clients()).toBe(0);

    const panel = await signIn();
    await open(panel, 'settings', 'Settings');
    await panel.getByLabel('Workspace file').setInputFiles(file);
    const dialog = panel.getByRole('dialog', { name: 'Replace everything with this file?' });
    await dialog.waitFor();
    const says = await dialog.innerText();
    expect(says).toContain('my-studio.json');
    expect(says).toContain(`${exported.counts.classes} classes`);
    expect(says).toContain(`${exported.counts.clients} clients`);
    expect(says).toMatch(/Every class, booking, client, review, message and money record you have now/);
    expect(await focused(panel)).toMatchObject({ text: 'Cancel', inDialog: true });
    await panel.waitForTimeout(300);
    expect(clients()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(clients()).toBe(0);

    await panel.getByLabel('Workspace file').setInputFiles(file);
    await dialog.getByRole('button', { name: 'Replace everything' }).click();
    await panel.getByRole('status').getByText(`Imported ${exported.counts.classes} classes`).waitFor();
    expect(clients()).toBe(exported.counts.clients);
  });

  it('says which port runs now when the configured one differs, and that it applies after restart', async () => {
    const running = (await harness.tg.owner.ok('settings.get')).port;
    const other = running === 50_123 ? 50_124 : 50_123;
    await harness.tg.owner.ok('settings.update', { preferredPort: running });
    const panel = await signIn();
    await open(panel, 'settings', 'Settings');
    const port = panel.getByLabel('Port', { exact: true });
    expect(await port.inputValue()).toBe(String(running));
    await panel.getByText(`Agents connect on port ${running}.`).waitFor();

    await port.fill('80');
    await panel.getByText('Use a number from 1024 to 65535.').waitFor();
    expect(await panel.getByRole('button', { name: 'Save port' }).isDisabled()).toBe(true);
    await port.fill(String(other));
    await panel.getByRole('button', { name: 'Save port' }).click();
    await panel.getByText(`Runs on ${running}; port ${other} applies after restart.`).waitFor();
    expect(await port.inputValue()).toBe(String(other));
    expect((await harness.tg.owner.ok('settings.get')).preferredPort).toBe(other);
  });

  it('speaks without protocol terms on the first layer of Overview, Agent setup and Settings, keeping them under Details', async () => {
    const agent = await bearerClient(harness.tg.gateway.mcpUrl, (await harness.tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Cursor', expiresInDays: 7 })).token);
    for (const name of ['list_classes', 'list_bookings']) await call(agent, name);
    await agent.close();
    const panel = await signIn();
    /** What the page shows without opening anything (closed Details are not rendered text), snippets aside. */
    const firstLayer = () =>
      panel.evaluate(() => {
        const copy = document.querySelector('.app')?.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('pre.snippet, details:not([open])').forEach((el) => el.remove());
        return copy.textContent ?? '';
      });
    const PROTOCOL = /mcp:tools|offline_access|openid|\btiers?\b|resource scope|\bscopes?\b|consent\.decide|client[ _]?id|"\w+":|tools\/call/i;
    const ACRONYMS = /\bMCP\b|OAuth/;
    for (const [path, title] of [
      ['overview', 'Overview'],
      ['setup', 'Agent setup'],
      ['settings', 'Settings'],
    ] as const) {
      await open(panel, path, title);
      await panel.waitForFunction(() => !document.body.innerText.includes('Loading…'));
      await panel.waitForTimeout(300);
      const text = await firstLayer();
      expect(text.match(PROTOCOL)?.[0] ?? text.match(ACRONYMS)?.[0], `${path}: protocol term on the first layer`).toBeUndefined();
    }
    // The Overview says what agents did, in sentences with names.
    await open(panel, 'overview', 'Overview');
    await panel.getByRole('table', { name: 'Recent activity' }).getByText(/^Cursor\b.*\bclasses\b/).first().waitFor();

    // One click away for agent developers: the exact permission names of the chosen access.
    await open(panel, 'setup', 'Agent setup');
    await panel.getByRole('radio', { name: /^Read-only/ }).check();
    await panel.getByText('Details for developers').click();
    await panel.getByText('read:bookings', { exact: true }).waitFor();
    expect(await panel.getByText('offline_access', { exact: true }).isVisible()).toBe(true);
  });

  it('keeps the header compact at 200 % zoom and in a 900 px window, with the sections behind a Menu button', async () => {
    for (const size of [
      { name: '200-percent', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
      { name: '900px', viewport: { width: 900, height: 700 }, deviceScaleFactor: 1 },
    ]) {
      const narrow = await harness.browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });
      try {
        const page = await signIn(narrow);
        const header = await page.evaluate(() => (document.querySelector('.topbar') as HTMLElement).getBoundingClientRect().bottom);
        expect(header, `${size.name}: header height`).toBeLessThanOrEqual(size.viewport.height * 0.25);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${size.name}: no sideways scroll`).toBe(true);
        await page.screenshot({ path: `${SCREENSHOTS}narrow-${size.name}.png` });

        const menu = page.getByRole('button', { name: 'Menu' });
        expect(await page.getByRole('link', { name: 'Settings' }).isVisible()).toBe(false);
        await menu.click();
        expect(await page.getByRole('button', { name: 'Close menu' }).getAttribute('aria-expanded')).toBe('true');
        await page.getByRole('link', { name: 'Overview' }).focus();
        await page.keyboard.press('Escape');
        expect(await page.getByRole('link', { name: 'Settings' }).isVisible()).toBe(false);
        expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Menu' });
        await menu.click();
        await page.getByRole('link', { name: 'Settings' }).click();
        await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
        expect(await page.getByRole('link', { name: 'Connections' }).isVisible()).toBe(false);

        // A dialog fits the window, its buttons reachable.
        await page.getByRole('button', { name: 'Wipe and start empty…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Wipe the workspace?' });
        await dialog.waitFor();
        const box = await dialog.boundingBox();
        expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.viewport.width + 1 && box.y + box.height <= size.viewport.height + 1, `${size.name}: dialog clipped`).toBe(true);
        await dialog.getByRole('button', { name: 'Cancel' }).scrollIntoViewIfNeeded();
        expect(await dialog.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
        await page.screenshot({ path: `${SCREENSHOTS}narrow-${size.name}-dialog.png` });
      } finally {
        await narrow.close();
      }
    }
  });
});
