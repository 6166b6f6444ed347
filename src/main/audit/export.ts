import type { AuditFilter, AuditRepo } from '../storage/audit-repo.ts';
import type { AuditRowView } from '../../shared/control-api.ts';
import { toView } from './queries.ts';

export type AuditExportFormat = 'csv' | 'jsonl';

const CSV_COLUMNS: (keyof AuditRowView)[] = ['id', 'time', 'kind', 'endpoint', 'tool', 'clientId', 'clientName', 'grantId', 'actor', 'status', 'reason', 'httpStatus', 'durationMs', 'argsTruncated', 'args', 'hash'];
const CSV_HEADER = ['id', 'time', 'kind', 'endpoint', 'tool', 'client_id', 'client_name', 'grant_id', 'actor', 'status', 'reason', 'http_status', 'duration_ms', 'args_truncated', 'args', 'hash'].join(',');

/**
 * One CSV field (RFC 4180). A text that a spreadsheet would run as a formula (=, +, -, @ first: OWASP "CSV
 * injection") gets a leading apostrophe: client names come from whoever registered the client.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(view: AuditRowView, format: AuditExportFormat): string {
  // JSONL carries the arguments as JSON again, unless they were truncated (then no longer JSON: kept as text).
  if (format === 'jsonl') return `${JSON.stringify({ ...view, args: view.argsTruncated ? view.args : (JSON.parse(view.args) as unknown) })}\n`;
  return `${CSV_COLUMNS.map((c) => csvField(view[c])).join(',')}\n`;
}

export interface ExportProgress {
  done: number;
  total: number;
}

const BATCH = 5000;

/**
 * Streams the rows matching a filter, oldest first, in chunks of BATCH rows to `write` (which may apply
 * backpressure by returning a promise), reporting progress after each chunk.
 */
export async function exportAudit(
  repo: AuditRepo,
  options: { format: AuditExportFormat; filter: AuditFilter; write: (chunk: string) => void | Promise<void>; onProgress?: (p: ExportProgress) => void },
): Promise<ExportProgress> {
  const total = repo.count(options.filter);
  let done = 0;
  let buffer = options.format === 'csv' ? `${CSV_HEADER}\n` : '';
  for (let afterId = 0; ; ) {
    const rows = repo.batch(options.filter, afterId, BATCH);
    if (rows.length === 0) break;
    for (const row of rows) buffer += line(toView(row), options.format);
    done += rows.length;
    afterId = rows.at(-1)?.id ?? afterId;
    await options.write(buffer);
    buffer = '';
    options.onProgress?.({ done, total });
  }
  if (buffer) await options.write(buffer);
  return { done, total };
}
