import { app, BrowserWindow, Notification } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setupControlIpc } from './electron/ipc.ts';
import { createMainWindow, hardenSession } from './electron/window.ts';
import { startGateway } from './gateway.ts';

// Electron entry: composes the plain-Node gateway with a window. Everything else lives in modules that
// never import electron, so the same gateway runs headless and in tests.

if (!app.requestSingleInstanceLock()) app.quit();

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const isTrustedUrl = (url: string) => url.startsWith(rendererUrl.replace(/index\.html$/, ''));

app.whenReady().then(async () => {
  hardenSession();
  const gateway = await startGateway({ dataDir: app.getPath('userData'), demo: true });
  setupControlIpc(gateway.control, isTrustedUrl);
  let window = createMainWindow(rendererUrl);

  gateway.consent.onRequested((request) => {
    new Notification({ title: 'Studio Gateway', body: `${request.clientName} asks for access to your studio` }).show();
    if (window.isDestroyed()) window = createMainWindow(rendererUrl);
    window.show();
    window.focus();
  });
  app.on('second-instance', () => window.isDestroyed() ? (window = createMainWindow(rendererUrl)) : window.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(rendererUrl);
  });
  app.on('before-quit', () => void gateway.close());
}, (err: unknown) => {
  console.error('Studio Gateway could not start:', err instanceof Error ? err.message : err);
  app.exit(1);
});
