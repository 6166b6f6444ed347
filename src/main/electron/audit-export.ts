import { dialog, ipcMain, type BrowserWindow } from 'electron';
import { createWriteStream } from 'node:fs';
import { auditFilterInput } from '../audit/filter.ts';
import { AUDIT_EXPORT_CHANNEL, AUDIT_EXPORT_PROGRESS_CHANNEL, type AuditExportResult } from '../../shared/control-bridge.ts';
import { exportAudit } from '../audit/export.ts';
import { auditFilter } from '../audit/filter.ts';
import { sentenceNames } from '../audit/sentence-names.ts';
import type { Storage } from '../storage/index.ts';
import { z } from 'zod';
import { systemClock } from '../../shared/clock.ts';

const request = z.object({ format: z.enum(['csv', 'jsonl']), filter: auditFilterInput }).strict();

/**
 * The desktop app's audit export: the main process asks where to save (the page never names a path) and
 * streams to that file, sending progress back to the page that asked.
 */
export function setupAuditExport(storage: Pick<Storage, 'audit' | 'apps'>, window: () => BrowserWindow, isTrustedUrl: (url: string) => boolean): void {
  ipcMain.handle(AUDIT_EXPORT_CHANNEL, async (event, input: unknown): Promise<AuditExportResult> => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '')) throw new Error('This window may not export the audit log.');
    const { format, filter } = request.parse(input);
    const choice = await dialog.showSaveDialog(window(), { defaultPath: `studio-gateway-audit-${new Date(systemClock.nowMs()).toISOString().slice(0, 10)}.${format}` });
    if (choice.canceled || !choice.filePath) return { saved: false, rows: 0 };
    const out = createWriteStream(choice.filePath);
    const { done } = await exportAudit(storage.audit, {
      format,
      filter: auditFilter(filter),
      names: sentenceNames(storage.apps),
      write: (chunk) => (out.write(chunk) ? undefined : new Promise<void>((resolve) => out.once('drain', resolve))),
      onProgress: (progress) => event.sender.send(AUDIT_EXPORT_PROGRESS_CHANNEL, progress),
    });
    await new Promise<void>((resolve) => out.end(resolve));
    return { saved: true, rows: done, path: choice.filePath };
  });
}
