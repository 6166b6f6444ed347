import { autoUpdater } from 'electron-updater';
import type { UpdaterEvent, UpdaterPort } from '../desktop/updates.ts';

/** electron-updater's autoUpdater as desktop/updates.ts needs it; every decision is made there. */
export function electronUpdater(onEvent: (event: UpdaterEvent) => void): UpdaterPort {
  autoUpdater.autoDownload = false;
  // Installing is always the owner's click (never while a decision waits): not on quit by itself either.
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.on('checking-for-update', () => onEvent({ kind: 'checking' }));
  autoUpdater.on('update-available', (info) => onEvent({ kind: 'available', version: info.version }));
  autoUpdater.on('update-not-available', () => onEvent({ kind: 'not-available' }));
  autoUpdater.on('download-progress', (progress) => onEvent({ kind: 'progress', percent: progress.percent }));
  autoUpdater.on('update-downloaded', (info) => onEvent({ kind: 'downloaded', version: info.version }));
  autoUpdater.on('error', (err) => onEvent({ kind: 'error', message: err.message }));
  return {
    async check(download) {
      const result = await autoUpdater.checkForUpdates();
      if (download && result?.isUpdateAvailable) await autoUpdater.downloadUpdate();
    },
    async download() {
      await autoUpdater.downloadUpdate();
    },
    quitAndInstall: () => autoUpdater.quitAndInstall(),
  };
}
