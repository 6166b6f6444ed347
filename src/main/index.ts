import { app, dialog, shell, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isLinuxAutostartEnabled, setLinuxAutostart } from './desktop/autostart.ts';
import { deepLinkInArgs, panelRoute, parseDeepLink, type DeepLink } from './desktop/deep-link.ts';
import { APP_IDENTITY, desktopDataDir } from './desktop/identity.ts';
import { ACTION_LABELS, startFailure } from './desktop/start-failure.ts';
import { createUpdates } from './desktop/updates.ts';
import { setupAuditExport } from './electron/audit-export.ts';
import { setupDecisionNotifications } from './electron/decision-notifications.ts';
import { setupControlIpc } from './electron/ipc.ts';
import { safeStorageKeyStore } from './electron/safe-storage-key-store.ts';
import { createTray } from './electron/tray.ts';
import { electronUpdater } from './electron/updates.ts';
import { createMainWindow, hardenSession } from './electron/window.ts';
import { startGateway, type Gateway, type GatewayOptions } from './gateway.ts';
import { createLogger } from './log.ts';
import { logFile } from './paths.ts';
import { firstAvailableKeyStore, keytarKeyStore } from './providers/vault/key-store.ts';

// Electron entry: composes the plain-Node gateway with a window and a tray. Every decision lives in desktop/ (plain
// Node, tested); this file only wires it.

// Identity first, before anything asks Electron for a path (desktop/identity.ts).
app.setName(APP_IDENTITY.name);
const dataDir = desktopDataDir();
app.setPath('userData', dataDir);
if (process.platform === 'win32') app.setAppUserModelId(APP_IDENTITY.appUserModelId);
if (!app.requestSingleInstanceLock()) app.exit(0);
app.setAsDefaultProtocolClient(APP_IDENTITY.scheme);

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererUrl = devServerUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const rendererBase = rendererUrl.replace(/index\.html$/, '');
const isTrustedUrl = (url: string) => url.startsWith(rendererBase);
let quitting = false;
// A link that started the app (Windows and Linux pass it as an argument) opens once the window exists.
let pendingLink: DeepLink | undefined = deepLinkInArgs(process.argv);
app.on('open-url', (event, url) => {
  event.preventDefault();
  pendingLink = parseDeepLink(url);
});

const linuxAutostart = { getStartAtLogin: () => isLinuxAutostartEnabled(), setStartAtLogin: (enabled: boolean) => setLinuxAutostart(enabled, process.execPath) };
const loginItems = { getStartAtLogin: () => app.getLoginItemSettings().openAtLogin, setStartAtLogin: (enabled: boolean) => app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] }) };
// Updates: decided in desktop/updates.ts; the waiting count is read from the gateway once it runs.
let waitingDecisions = () => 0;
const updates = createUpdates({
  updater: electronUpdater((event) => updates.onEvent(event)),
  settings: new Store<Record<string, unknown>>({ name: 'updates' }),
  waitingDecisions: () => waitingDecisions(),
  version: app.getVersion(),
});

/** Starts the gateway; a failure shows the owner why and the way out (desktop/start-failure.ts), then retries or quits. */
async function startOrExplain(options: GatewayOptions): Promise<Gateway> {
  for (;;) {
    try {
      return await startGateway(options);
    } catch (err) {
      const failure = startFailure(err, dataDir);
      const { response } = await dialog.showMessageBox({ type: 'error', title: failure.title, message: failure.title, detail: failure.message, buttons: failure.actions.map((a) => ACTION_LABELS[a]), defaultId: 0, cancelId: failure.actions.length - 1 });
      const action = failure.actions[response];
      if (action === 'use-free-port') options = { ...options, port: 0 };
      else if (action === 'open-data-folder') await shell.openPath(dataDir);
      if (action !== 'use-free-port') app.exit(1);
    }
  }
}

app.whenReady().then(async () => {
  hardenSession({ devServerUrl, isPanelUrl: isTrustedUrl });
  const gateway = await startOrExplain({
    dataDir,
    // A new workspace waits for the owner's choice (the panel asks on first launch: demo, empty, or a file).
    demo: false,
    panelDir: join(import.meta.dirname, '../renderer'),
    keyStore: firstAvailableKeyStore([keytarKeyStore(), safeStorageKeyStore()]),
    desktop: {
      ...(process.platform === 'linux' ? linuxAutostart : loginItems),
      openPath: async (path) => void (await shell.openPath(path)),
      updates,
    },
    log: createLogger({ file: logFile(dataDir) }),
    // Claude Desktop starts the bridge with this app's own runtime (its Electron binary as Node, the bundled CLI); the
    // only link handed to the system is the one the installer itself just built (VS Code's install link).
    install: {
      bridge: { command: process.execPath, args: [join(import.meta.dirname, 'cli.js')], env: { ELECTRON_RUN_AS_NODE: '1' } },
      openLink: (url) => shell.openExternal(url),
    },
  });
  const windowOptions = { rendererUrl, controlCalls: gateway.control.names, isQuitting: () => quitting, isProviderSignIn: (url: string) => gateway.providers.oauth.isPendingUrl(url) };
  let window: BrowserWindow = createMainWindow({ ...windowOptions, hidden: process.argv.includes('--hidden'), ...(pendingLink ? { route: panelRoute(pendingLink) } : {}) });
  /** Brings the window forward, on a decision or page when a link or notification names one. */
  const open = (link?: DeepLink) => {
    if (window.isDestroyed()) window = createMainWindow({ ...windowOptions, ...(link ? { route: panelRoute(link) } : {}) });
    else if (link) void window.loadURL(`${rendererUrl}${panelRoute(link)}`);
    window.show();
    window.focus();
  };
  waitingDecisions = () => gateway.consent.pending().length + gateway.approvals.list().length;
  updates.start();
  setupControlIpc(gateway.control, isTrustedUrl);
  setupAuditExport(gateway.services.storage, () => window, isTrustedUrl);
  const tray = createTray({
    state: async () => {
      const status = await gateway.control.call('gateway.status', {}, { channel: 'desktop' });
      return { paused: status.ok && status.result.paused, waiting: gateway.consent.pending().length + gateway.approvals.list().length };
    },
    open: () => open(),
    setPaused: async (paused) => void (await gateway.control.call('gateway.setPaused', { paused }, { channel: 'desktop' })),
    quit: () => app.quit(),
  });

  // A person must answer: a notification (unless the panel is in front of her) that opens the app on that decision.
  setupDecisionNotifications({
    consent: gateway.consent,
    approvals: gateway.approvals,
    window: () => (window.isDestroyed() ? undefined : { visible: window.isVisible() && !window.isMinimized(), focused: window.isFocused() }),
    open,
    changed: tray.refresh,
  });
  setInterval(tray.refresh, 2000).unref();

  app.on('second-instance', (_event, argv) => open(deepLinkInArgs(argv)));
  app.on('open-url', (_event, url) => open(parseDeepLink(url)));
  app.on('activate', () => open());
  app.on('before-quit', () => {
    quitting = true;
  });
  // Quit waits for the gateway to close (held calls answered, the database closed cleanly).
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void gateway.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
  // Closing the window hides it; the gateway keeps serving agents from the tray.
  app.on('window-all-closed', () => undefined);
});
