import type { UpdatesView } from '../../shared/control-api.ts';
import { DomainError } from '../errors.ts';

/** What the app needs of an updater (electron-updater's autoUpdater in the desktop app; a fake in tests). */
export interface UpdaterPort {
  /** Looks for a newer version; downloads it when `download` (the owner's automatic-updates switch). */
  check(download: boolean): Promise<void>;
  download(): Promise<void>;
  /** Quits and installs the downloaded version. */
  quitAndInstall(): void;
}

/** What the updater reports, as its events arrive. */
export type UpdaterEvent =
  | { kind: 'checking' }
  | { kind: 'available'; version: string }
  | { kind: 'not-available' }
  | { kind: 'progress'; percent: number }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string };

const AUTO = 'updates.checkAutomatically';
const EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Updates, decided here and wired by electron/updates.ts: checks at start and every 6 hours while the owner leaves
 * automatic updates on; installs only when she says so, and never while a consent request or a held call waits for
 * her (restarting would answer it "no"). A build without a release host says so instead of failing.
 */
export function createUpdates(deps: {
  updater: UpdaterPort;
  settings: { get<T>(key: string, fallback: T): T; set(key: string, value: unknown): void };
  waitingDecisions: () => number;
  version: string;
}) {
  let view: UpdatesView = { checkAutomatically: deps.settings.get(AUTO, true), status: 'idle', version: deps.version, detail: `Studio Gateway ${deps.version}.` };

  const check = async (): Promise<UpdatesView> => {
    await deps.updater.check(view.checkAutomatically).catch((err: unknown) => onEvent({ kind: 'error', message: err instanceof Error ? err.message : String(err) }));
    return view;
  };

  function onEvent(event: UpdaterEvent): void {
    const now = deps.version;
    switch (event.kind) {
      case 'checking':
        view = { ...view, status: 'checking', detail: 'Looking for a newer version…' };
        break;
      case 'not-available':
        view = { ...view, status: 'up-to-date', detail: `Studio Gateway ${now} is the latest version.` };
        break;
      case 'available':
        view = { ...view, status: 'available', detail: `Version ${event.version} is available${view.checkAutomatically ? ' and downloading' : ''}.` };
        break;
      case 'progress':
        view = { ...view, status: 'downloading', detail: `Downloading the new version: ${Math.round(event.percent)}%.` };
        break;
      case 'downloaded':
        view = { ...view, status: 'ready', detail: `Version ${event.version} is ready. Restart Studio Gateway to use it.` };
        break;
      case 'error':
        // electron-builder writes app-update.yml only for a build with a release host (its publish setting).
        view = /app-update\.yml|ENOENT|publish/i.test(event.message)
          ? { ...view, status: 'unavailable', detail: 'This build has no update server: updates come with a new download.' }
          : { ...view, status: 'error', detail: `Could not look for updates: ${event.message}` };
        break;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  return {
    onEvent,
    view: (): UpdatesView => view,
    check,
    async download(): Promise<UpdatesView> {
      if (view.status !== 'available') throw new DomainError('invalid_input', 'There is no new version to download.');
      await deps.updater.download();
      return view;
    },
    setCheckAutomatically(enabled: boolean): void {
      deps.settings.set(AUTO, enabled);
      view = { ...view, checkAutomatically: enabled };
    },
    install(): void {
      if (view.status !== 'ready') throw new DomainError('invalid_input', 'No new version is ready to install.');
      const waiting = deps.waitingDecisions();
      if (waiting > 0) throw new DomainError('decision_pending', `${waiting === 1 ? 'A decision is' : `${waiting} decisions are`} waiting for you: answer first, then restart to update (restarting would answer "no").`);
      deps.updater.quitAndInstall();
    },
    start(): void {
      if (view.checkAutomatically) void check();
      timer = setInterval(() => view.checkAutomatically && void check(), EVERY_MS);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}
export type Updates = ReturnType<typeof createUpdates>;
