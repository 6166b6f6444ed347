import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { launchChromium, PANEL_BUILT } from './chromium.ts';

// What every browser test of the panel does around its tests: one Chromium for the file, and for each test a fresh
// gateway and a fresh browser context (1280×800), closed afterwards; signing in with a one-time link; opening a page.


type GatewayOptions = NonNullable<Parameters<typeof startTestGateway>[0]>;

export interface PanelHarnessOptions {
  /**
   * What each test's gateway starts with: options, or a function for options known only once the file's own
   * `beforeAll` has run. `false`: no gateway per test; a test starts its own with `startGateway` (closed after it).
   */
  gateway?: GatewayOptions | (() => GatewayOptions) | false;
  /** Runs once each test's gateway and context are up (a setting every test needs, something to show). */
  prepare?: (tg: TestGateway) => Promise<unknown>;
  /** Each test's browser context, over a 1280×800 window. */
  context?: BrowserContextOptions;
  /** The context's default timeout for waits and actions, in ms (Playwright's own when absent). */
  defaultTimeout?: number;
  /** Whether the tests need the built panel (false for pages the gateway serves itself). Default true. */
  needsPanel?: boolean;
}

export interface PanelHarness {
  readonly browser: Browser;
  readonly tg: TestGateway;
  readonly context: BrowserContext;
  /** Starts this test's gateway (with `gateway: false`); it is closed after the test. */
  startGateway(options?: GatewayOptions): Promise<TestGateway>;
  /** Opens the one-time owner link, as the owner would, and lands on the panel's Overview. */
  signIn(into?: BrowserContext): Promise<Page>;
  /** Goes to the panel page at `#/<path>` and waits for its heading. */
  open(page: Page, path: string, title: string): Promise<void>;
}

/** Registers the hooks in the enclosing `describe`; the returned getters hold the current test's browser objects. */
export function usePanelHarness(options: PanelHarnessOptions = {}): PanelHarness {
  let browser: Browser | undefined;
  let tg: TestGateway | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    if ((options.needsPanel ?? true) && !PANEL_BUILT) throw new Error('The control panel is not built: run `npx electron-vite build` (./run test does).');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (options.gateway !== false) tg = await startTestGateway(typeof options.gateway === 'function' ? options.gateway() : options.gateway);
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options.context });
    if (options.defaultTimeout !== undefined) context.setDefaultTimeout(options.defaultTimeout);
    if (options.prepare) await options.prepare(harness.tg);
  });
  afterEach(async () => {
    await context?.close();
    await tg?.close();
    context = undefined;
    tg = undefined;
  });

  const harness: PanelHarness = {
    get browser() {
      if (!browser) throw new Error('Chromium is not running: the harness starts it in beforeAll');
      return browser;
    },
    get tg() {
      if (!tg) throw new Error('no gateway for this test: start one with startGateway');
      return tg;
    },
    get context() {
      if (!context) throw new Error('no browser context outside a test');
      return context;
    },
    async startGateway(gatewayOptions) {
      tg = await startTestGateway(gatewayOptions);
      return tg;
    },
    async signIn(into) {
      const page = await (into ?? harness.context).newPage();
      await page.goto(harness.tg.gateway.issueLoginLink());
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      return page;
    },
    async open(page, path, title) {
      await page.goto(`${harness.tg.gateway.panelOrigin}/panel/#/${path}`);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    },
  };
  return harness;
}
