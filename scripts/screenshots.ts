// Re-takes the panel's screenshots in docs/screenshots/: every page, light and dark, at 1280×800, on the demo studio
// with three agents that have done things, one consent request and one approval waiting. Run after
// `npx electron-vite build`: `npm run screenshots` does both.
import { mkdirSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchChromium, PANEL_BUILT } from '../test/e2e/chromium.ts';
import { PANEL_PAGES } from '../src/shared/panel-pages.ts';
import { startTestGateway, type TestGateway } from '../test/support/gateway.ts';
import { bearerClient } from '../test/support/mcp-agent.ts';
import { authorizeUrl, codeFlow, exchange, pkcePair, REDIRECT, registerClient } from '../test/support/oauth.ts';
import { call } from '../test/support/tools.ts';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
/** The pages photographed: all but Consent requests (the consent dialog is photographed on its own, below). */
const PAGES = PANEL_PAGES.filter(({ path }) => path !== 'consent');
const THEMES = ['light', 'dark'] as const;

/** An OAuth app named `name`, approved by the owner for `approve`, and connected. */
async function oauthAgent(tg: TestGateway, name: string, approve: string[]): Promise<Client> {
  const clientId = await registerClient(tg, { client_name: name, software_id: name.toLowerCase().replace(/\s+/g, '-') });
  const flow = await codeFlow(tg, { clientId, scope: ['mcp:tools', 'offline_access', ...approve].join(' '), approve: ['mcp:tools', 'offline_access', ...approve] });
  const { body } = await exchange(tg, flow);
  if (!body.access_token) throw new Error(`no token for ${name}: ${JSON.stringify(body)}`);
  return bearerClient(tg.gateway.mcpUrl, body.access_token);
}

/** What the agents did this morning: reads, a note, a tag, a message, a cancelled booking and a refused change. */
async function activity(tg: TestGateway): Promise<void> {
  const { storage } = tg.gateway.services;
  const [anna, ben] = storage.customers.list({}, { limit: 2 }).items;
  const booking = storage.bookings.list({ status: 'confirmed' }, { limit: 1 }).items[0];
  if (!anna || !ben || !booking) throw new Error('the demo studio has no clients or bookings');

  const claude = await oauthAgent(tg, 'Claude Desktop', ['read:classes', 'read:bookings', 'write:bookings', 'read:clients', 'write:clients']);
  await call(claude, 'list_bookings', {});
  await call(claude, 'update_client_notes', { client_id: anna.id, notes: 'Prefers the back row; knee injury in 2025.' });
  await call(claude, 'tag_client', { client_id: ben.id, add: ['regular'] });
  await call(claude, 'cancel_booking', { booking_id: booking.id });
  // Outside what the owner approved: refused (an OAuth client is told to ask for more, which it does not here).
  await call(claude, 'create_class', { title: 'Sunrise Flow' }).catch(() => undefined);

  const cursor = await oauthAgent(tg, 'Cursor', ['read:clients', 'read:messages', 'write:messages', 'read:financials']);
  await call(cursor, 'list_clients', {});
  await call(cursor, 'send_message', { client_id: ben.id, subject: 'Saturday workshop', body: 'See you on Saturday!' });

  const minted = await tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'VS Code', expiresInDays: 30 });
  const vscode = await bearerClient(tg.gateway.mcpUrl, minted.token);
  await call(vscode, 'list_classes', {});
  await Promise.all([claude.close(), cursor.close(), vscode.close()]);
}

/** A delete that waits for the owner (left waiting while the pages are photographed). */
async function heldDelete(tg: TestGateway): Promise<void> {
  await tg.owner.ok('settings.update', { approvals: { enabled: true, timeoutSeconds: 110 } });
  const minted = await tg.owner.ok('tokens.mint', { bundle: 'custom', scopes: ['read:clients', 'delete:clients'], clientName: 'Claude Code', expiresInDays: 7 });
  const agent = await bearerClient(tg.gateway.mcpUrl, minted.token);
  const { storage } = tg.gateway.services;
  const now = tg.gateway.services.now();
  const idle = storage.customers.list({}, { limit: 500 }).items.find((c) => storage.bookings.liveUpcomingForClient(c.id, now) === 0);
  if (!idle) throw new Error('no demo client without upcoming bookings');
  void call(agent, 'delete_client', { client_id: idle.id }).catch(() => undefined);
}

/** An app that asks for everything, waiting for the owner's decision; returns the URL its browser would show. */
async function askingApp(tg: TestGateway): Promise<string> {
  const clientId = await registerClient(tg, { client_name: 'Studio Helper' });
  const { challenge } = pkcePair();
  const url = authorizeUrl(tg, {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope: 'mcp:tools offline_access read:classes write:classes read:bookings delete:bookings read:financials',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: 'consent',
    resource: tg.gateway.mcpUrl,
  });
  return url.href;
}

/** `name`.png and `name`-dark.png; a whole page is taken to its end, a dialog as the window shows it. */
async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  for (const theme of THEMES) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.screenshot({ path: `${OUT}${name}${theme === 'dark' ? '-dark' : ''}.png`, fullPage });
  }
}

async function main(): Promise<void> {
  if (!CHROMIUM) throw new Error('Chromium is not installed (./run setup installs it).');
  if (!PANEL_BUILT) throw new Error('The control panel is not built: run `npx electron-vite build` first.');
  mkdirSync(OUT, { recursive: true });
  const tg = await startTestGateway();
  const browser = await launchChromium();
  try {
    await activity(tg);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signIn = await context.newPage();
    await signIn.goto(tg.gateway.panelOrigin + '/panel/');
    await shoot(signIn, 'sign-in');
    const panel = await context.newPage();
    await panel.goto(tg.gateway.issueLoginLink());
    await panel.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    for (const { path, title } of PAGES) {
      await panel.goto(`${tg.gateway.panelOrigin}/panel/#/${path}`);
      await panel.getByRole('heading', { name: title, level: 1 }).waitFor();
      await panel.waitForLoadState('networkidle');
      if (path === 'audit') await panel.getByText('Cursor sent a message').first().waitFor();
      await shoot(panel, path, true);
    }

    const agentTab = await context.newPage();
    await agentTab.goto(await askingApp(tg));
    await agentTab.getByRole('status').waitFor();
    await shoot(agentTab, 'agent-waiting');
    await agentTab.close();
    await panel.bringToFront();
    await panel.getByRole('dialog').waitFor();
    await shoot(panel, 'consent-dialog');
    await panel.getByRole('button', { name: 'Deny' }).first().click();

    await heldDelete(tg);
    await panel.getByRole('dialog', { name: 'Waiting for your approval' }).waitFor();
    await shoot(panel, 'approval-dialog');
  } finally {
    await browser.close();
    await tg.close();
  }
  console.log(`Screenshots written to ${OUT}`);
}

await main();
