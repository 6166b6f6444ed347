import { APP_NAME, defaultDataDir } from '../paths.ts';

/**
 * Who the desktop app is, set first thing at start (before anything asks Electron for a path): Electron derives its
 * `userData` folder from the app's name, and a packaged app's package.json says `studio-gateway` — so without this
 * the app would keep its workspace in `…/studio-gateway` while the CLI and the docs use `…/Studio Gateway`.
 */
export const APP_IDENTITY = {
  /** app.setName: menus, dialogs, and the folder name Electron would derive. */
  name: APP_NAME,
  /**
   * Windows groups windows, taskbar entries and notifications by this id; it must equal electron-builder's appId
   * (electron-builder.json), or notifications show no app name and do not open the app.
   */
  appUserModelId: 'app.studiogateway.desktop',
  /** The URL scheme of deep links (deep-link.ts). */
  scheme: 'studio-gateway',
} as const;

/**
 * The desktop app's workspace folder: the same function the CLI uses, so both entries open one workspace on every OS
 * (`STUDIO_GATEWAY_DATA_DIR` chooses another, for a portable install or a test).
 */
export function desktopDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home?: string): string {
  return env.STUDIO_GATEWAY_DATA_DIR ?? defaultDataDir(env, platform, home);
}
