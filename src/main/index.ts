import { app, BrowserWindow, Notification } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setupAuditExport } from './electron/audit-export.ts';
import { setupControlIpc } from './electron/ipc.ts';
import { createTray } from './electron/tray.ts';
import { safeStorageKeyStore } from './electron/safe-storage-key-store.ts';
import { createMainWindow, hardenSession } from './electron/window.ts';
import { startGateway } from './gateway.ts';
import { firstAvailableKeyStore, keytarKeyStore } from './providers/vault/key-store.ts';

// Electron entry: composes the plain-Node gateway with a window and a tray. Everything else lives in modules
// that never import electron, so the same gateway runs headless and in tests.

if (!app.requestSingleInstanceLock()) app.exit(0);

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const rendererBase = rendererUrl.replace(/index\.html$/, '');
const isTrustedUrl = (url: string) => url.startsWith(rendererBase);
let quitting = false;

app.whenReady().then(
  async () => {
    hardenSession();
    const gateway = await startGateway({
      // STUDIO_GATEWAY_DATA_DIR: a portable or test workspace instead of the per-user one.
      dataDir: process.env.STUDIO_GATEWAY_DATA_DIR ?? app.getPath('userData'),
      demo: true,
      panelDir: join(import.meta.dirname, '../renderer'),
      keyStore: firstAvailableKeyStore([keytarKeyStore(), safeStorageKeyStore()]),
      desktop: {
        getStartAtLogin: () => app.getLoginItemSettings().openAtLogin,
        setStartAtLogin: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
      },
    });
    const windowOptions = { rendererUrl, isQuitting: () => quitting, isProviderSignIn: (url: string) => gateway.providers.oauth.isPendingUrl(url) };
    let window: BrowserWindow = createMainWindow(windowOptions);
    const open = () => {
      if (window.isDestroyed()) window = createMainWindow(windowOptions);
      window.show();
      window.focus();
    };
    setupControlIpc(gateway.control, isTrustedUrl);
    setupAuditExport(gateway.services.storage.audit, () => window, isTrustedUrl);
    createTray({ gateway, open, quit: () => app.quit() });

    // A person must answer: say so, and bring the window forward.
    gateway.consent.onRequested((request) => {
      new Notification({ title: 'Studio Gateway', body: `${request.clientName} asks for access to your studio` }).show();
      open();
    });
    gateway.approvals.onRequested((request) => {
      new Notification({ title: 'Studio Gateway', body: `${request.clientName} wants to run ${request.tool}: approve or deny` }).show();
      open();
    });
    app.on('second-instance', open);
    app.on('activate', open);
    app.on('before-quit', () => {
      quitting = true;
    });
    app.on('will-quit', () => void gateway.close());
    // Closing the window hides it; the gateway keeps serving agents from the tray.
    app.on('window-all-closed', () => undefined);
  },
  (err: unknown) => {
    console.error('Studio Gateway could not start:', err instanceof Error ? err.message : err);
    app.exit(1);
  },
);
