import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';

/** https links the panel may open in the system browser; everything else is refused. */
const EXTERNAL_ALLOW_LIST = new Set(['modelcontextprotocol.io', 'code.visualstudio.com', 'docs.cursor.com', 'docs.anthropic.com']);

export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

export function isAllowedExternal(url: string): boolean {
  const parsed = URL.parse(url);
  return parsed?.protocol === 'https:' && EXTERNAL_ALLOW_LIST.has(parsed.hostname);
}

/** Locks the default session down: a strict CSP on every response, every permission request denied. */
export function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** The control panel window (Electron security checklist: isolation, sandbox, no Node, no navigation). */
export function createMainWindow(rendererUrl: string, preloadPath = join(import.meta.dirname, '../preload/index.cjs')): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Studio Gateway',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
