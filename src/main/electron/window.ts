import { BrowserWindow, session, shell } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { isAllowedExternal, RENDERER_CSP, WEB_PREFERENCES } from './policy.ts';


/** Locks the default session down: a strict CSP on every response, every permission request denied. */
export function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

interface WindowState {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

const windowState = new Store<WindowState>({ name: 'window-state', defaults: { bounds: { width: 1280, height: 800 }, maximized: false } });

/**
 * The control panel window (Electron security checklist: isolation, sandbox, no Node, no navigation, no new
 * windows). Closing it hides it: the gateway keeps serving agents from the tray until Quit.
 */
export function createMainWindow(options: { rendererUrl: string; isQuitting: () => boolean; isProviderSignIn: (url: string) => boolean }): BrowserWindow {
  const { bounds, maximized } = windowState.store;
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Studio Gateway',
    icon: join(import.meta.dirname, '../../resources/icon.png'),
    webPreferences: { ...WEB_PREFERENCES, preload: join(import.meta.dirname, '../preload/index.cjs') },
  });
  if (maximized) window.maximize();
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // Provider sign-in pages open in the system browser only when the gateway itself just made that exact URL.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url) || options.isProviderSignIn(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.on('close', (event) => {
    windowState.set({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    if (!options.isQuitting()) {
      event.preventDefault();
      window.hide();
    }
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.rendererUrl);
  return window;
}
