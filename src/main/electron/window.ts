import { BrowserWindow, screen, session, shell } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { controlCallsArgument } from '../../shared/control-bridge.ts';
import { rendererCsp } from '../desktop/csp.ts';
import { isPermissionAllowed } from '../desktop/permissions.ts';
import { clampBounds, MIN_SIZE } from '../desktop/window-bounds.ts';
import { isAllowedExternal, WEB_PREFERENCES } from './policy.ts';

/**
 * Locks the default session down: the CSP for how the panel is loaded on every response (desktop/csp.ts), and of all
 * permissions only the panel's own clipboard write (desktop/permissions.ts).
 */
export function hardenSession(options: { devServerUrl: string | undefined; isPanelUrl: (url: string) => boolean }): void {
  const csp = rendererCsp(options.devServerUrl);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback) => callback(isPermissionAllowed(permission, webContents.getURL(), options.isPanelUrl)));
  session.defaultSession.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, options.isPanelUrl));
}

interface WindowState {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

/** Made on first use: electron-store reads app.getPath('userData'), which index.ts sets first thing (identity.ts). */
let store: Store<WindowState> | undefined;
const windowState = () => (store ??= new Store<WindowState>({ name: 'window-state', defaults: { bounds: { width: 1280, height: 800 }, maximized: false } }));

/**
 * The control panel window (Electron security checklist: isolation, sandbox, no Node, no navigation, no new
 * windows). Closing it hides it: the gateway keeps serving agents from the tray until Quit.
 */
export function createMainWindow(options: { rendererUrl: string; route?: string; hidden?: boolean; controlCalls: readonly string[]; isQuitting: () => boolean; isProviderSignIn: (url: string) => boolean }): BrowserWindow {
  const { maximized, bounds: saved } = windowState().store;
  // Where it was last time, unless that display is gone (desktop/window-bounds.ts).
  const bounds = clampBounds(saved, screen.getAllDisplays());
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Studio Gateway',
    icon: join(import.meta.dirname, '../../resources/icon.png'),
    webPreferences: { ...WEB_PREFERENCES, preload: join(import.meta.dirname, '../preload/index.cjs'), additionalArguments: [controlCallsArgument(options.controlCalls)] },
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
    windowState().set({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    if (!options.isQuitting()) {
      event.preventDefault();
      window.hide();
    }
  });
  if (!options.hidden) window.once('ready-to-show', () => window.show());
  void window.loadURL(`${options.rendererUrl}${options.route ?? ''}`);
  return window;
}
