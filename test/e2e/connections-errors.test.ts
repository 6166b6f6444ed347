import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { firstAvailableKeyStore } from '../../src/main/providers/vault/key-store.ts';
import { KEYCHAIN } from '../support/keychain.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';

// The Connections page when something cannot work or went wrong: said once, in plain words, beside what it stops.

describe.runIf(CHROMIUM)('Connections errors and unavailable actions in Chromium', () => {
  // Each test starts its own gateway: with or without a keychain.
  const harness = usePanelHarness({ gateway: false, context: { viewport: { width: 1280, height: 900 } } });

  async function openConnections(): Promise<Page> {
    const page = await harness.signIn();
    await harness.open(page, 'connections', 'Connections');
    await page.locator('section[data-provider="google"]').waitFor();
    return page;
  }

  /** The reason a disabled control gives (its aria-describedby), as a screen reader reads it. */
  const reasonOf = (page: Page, name: string) =>
    page.getByRole('button', { name, exact: true }).evaluate((button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent ?? '');

  it('without a keychain says so once, and turns off each action that would store a sign-in, saying why beside it', async () => {
    // No key store at all: what a computer without any keychain gives the gateway (the real "unavailable" path).
    await harness.startGateway({ keyStore: firstAvailableKeyStore([]) });
    const page = await openConnections();
    const banner = page.getByRole('alert');
    await banner.getByText('Studio Gateway cannot keep sign-ins safe on this computer right now, so connecting is turned off.').waitFor();
    expect(await banner.count()).toBe(1);
    // The technical reason is one click away.
    expect(await banner.getByText(/No keychain is available/).isVisible()).toBe(false);
    await banner.getByText('Details').click();
    expect(await banner.getByText(/No keychain is available/).isVisible()).toBe(true);

    for (const name of ['Connect Apple Calendar', 'Make feed URL']) {
      expect(await page.getByRole('button', { name, exact: true }).isDisabled(), name).toBe(true);
      expect(await reasonOf(page, name), name).toContain('Needs a safe place for sign-ins on this computer');
    }
    const google = page.locator('section[data-provider="google"]');
    expect(await google.getByRole('button', { name: 'Save app credentials' }).isDisabled()).toBe(true);
    expect(await google.getByRole('button', { name: 'Connect', exact: true }).isDisabled()).toBe(true);
    expect(await google.getByRole('button', { name: 'Connect', exact: true }).evaluate((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent)).toContain('Needs a safe place');
    // Enter in a field does not submit what the button would not.
    await page.getByLabel('Apple ID email').fill('maya@icloud.example');
    await page.getByLabel('App-specific password').fill('abcd-efgh-ijkl-mnop');
    await page.getByLabel('App-specific password').press('Enter');
    await page.waitForTimeout(300);
    expect(await page.getByRole('alert').count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}connections-no-keychain.png`, fullPage: true });
  });

  it.runIf(KEYCHAIN)('shows a failed action’s error in one place, beside that action, and nowhere else', async () => {
    await harness.startGateway();
    const page = await openConnections();
    const apple = page.locator('section[data-provider="apple"]');
    await apple.getByLabel('Apple ID email').fill('maya@icloud.example');
    await apple.getByLabel('App-specific password').fill('my-real-password');
    await apple.getByRole('button', { name: 'Connect Apple Calendar' }).click();
    const alert = page.getByRole('alert');
    await alert.first().waitFor();
    expect(await alert.count()).toBe(1);
    // Inside the Apple form, right under its button.
    expect(await apple.getByRole('alert').count()).toBe(1);
    expect(await apple.getByRole('alert').innerText()).toContain('xxxx-xxxx-xxxx-xxxx');
    const formBox = await apple.getByRole('form', { name: 'Connect Apple Calendar' }).boundingBox();
    const alertBox = await apple.getByRole('alert').boundingBox();
    expect(formBox && alertBox && alertBox.y >= formBox.y && alertBox.y + alertBox.height <= formBox.y + formBox.height + 1).toBe(true);
    expect(await page.locator('section[data-provider="google"]').getByRole('alert').count()).toBe(0);
  });
});
