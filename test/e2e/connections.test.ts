import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google.ts';
import { KEYCHAIN } from '../support/keychain.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';

// The Connections page in real Chromium: the owner sets up Google, signs in through a real browser tab that goes
// to the (emulated) provider and back to the gateway, and sees the live state.

describe.runIf(CHROMIUM && KEYCHAIN)('the Connections page in Chromium', () => {
  let google: GoogleEmulator;
  const harness = usePanelHarness({ context: { viewport: { width: 1280, height: 900 } } });
  beforeEach(async () => {
    google = await startGoogleEmulator();
  });
  afterEach(async () => {
    await google.close();
  });

  async function openConnections(): Promise<Page> {
    const page = await harness.signIn();
    await harness.open(page, 'connections', 'Connections');
    return page;
  }

  it('sets up the Google app, signs in through the browser, and shows "Connected as" with the calendar picker', async () => {
    const page = await openConnections();
    const card = page.locator('section[data-provider="google"]');
    await card.getByText('Not connected', { exact: true }).waitFor();
    await card.getByText(`${harness.tg.gateway.issuer}/connections/google/callback`).waitFor();
    expect(await card.getByRole('button', { name: 'Connect' }).isDisabled()).toBe(true);

    await card.getByLabel('Client ID').fill(google.clientId);
    await card.getByLabel(/^Client secret/).fill(google.clientSecret);
    await card.getByText('Endpoints').click();
    await card.getByLabel('Authorization endpoint').fill(google.authorizeUrl);
    await card.getByLabel('Token endpoint').fill(google.tokenUrl);
    await card.getByLabel('Revocation endpoint').fill(google.revokeUrl);
    await card.getByLabel('API base URL').fill(google.apiBase);
    await card.getByRole('button', { name: 'Save app credentials' }).click();
    await page.getByRole('status').filter({ hasText: 'app credentials saved' }).waitFor();

    const popup = harness.context.waitForEvent('page');
    await card.getByRole('button', { name: 'Connect' }).click();
    const signIn = await popup;
    await signIn.waitForURL(/\/connections\/google\/callback/);
    await signIn.getByRole('heading', { name: 'Google is connected' }).waitFor();
    await signIn.getByText('owner@gmail.example').waitFor();
    await signIn.close();

    await card.getByText('Connected', { exact: true }).waitFor({ timeout: 10_000 });
    await card.getByText('owner@gmail.example', { exact: true }).waitFor();
    expect(await card.getByLabel('Calendar for events and busy times').inputValue()).toBe('owner@gmail.example');
    await card.getByLabel('Calendar for events and busy times').selectOption(google.studioCalendarId);
    await page.getByRole('status').filter({ hasText: 'New events go to Studio' }).waitFor();
    expect((await harness.tg.owner.ok('connections.list')).providers.find((p) => p.provider === 'google')?.calendarId).toBe(google.studioCalendarId);

    await page.screenshot({ path: `${SCREENSHOTS}connections.png`, fullPage: true });
  });

  it('explains a password that is not app-specific, and makes and shows the feed URL', async () => {
    const page = await openConnections();
    const apple = page.locator('section[data-provider="apple"]');
    await apple.getByLabel('Apple ID email').fill('maya@icloud.example');
    await apple.getByLabel('App-specific password').fill('my-real-password');
    await apple.getByRole('button', { name: 'Connect Apple Calendar' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'xxxx-xxxx-xxxx-xxxx' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('App-Specific Passwords');

    await page.getByRole('button', { name: 'Make feed URL' }).click();
    const url = page.getByTestId('feed-url');
    await url.waitFor();
    expect(await url.innerText()).toMatch(/^webcal:\/\/127\.0\.0\.1:\d+\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const fetched = await fetch((await url.innerText()).replace('webcal:', 'http:'));
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toContain('BEGIN:VCALENDAR');
  });
});
