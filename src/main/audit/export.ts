import type { AuditFields, AuditRowView } from '../../shared/audit-row.ts';
import { auditSentence, type SentenceNames, type SentenceRow } from '../../shared/audit-sentence/sentence.ts';
import { localDateTime } from '../../shared/instant.ts';
import type { AuditFilter, AuditRepo } from '../storage/audit-repo.ts';
import { toView } from './queries.ts';

export type AuditExportFormat = 'csv' | 'jsonl';

/**
 * The CSV's columns: the id, the time (UTC, ISO 8601), then for an owner reading the file in a spreadsheet the time by
 * this computer's clock and what happened — the sentence the panel shows for the row ("Cursor added a note to Anna
 * Nilsson") — then the row's fields with the long arguments last, then the hash.
 */
const CSV_FIELDS = ['id', 'tsMs', 'kind', 'endpoint', 'tool', 'clientId', 'clientName', 'grantId', 'actor', 'status', 'reason', 'httpStatus', 'durationMs', 'summary', 'argsTruncated', 'args'] as const satisfies readonly (keyof AuditFields)[];
const TIME = CSV_FIELDS.indexOf('tsMs');
const TRUNCATED = CSV_FIELDS.indexOf('argsTruncated');
const CSV_HEADER = ['id', 'time', 'local_time', 'what_happened', ...CSV_FIELDS.slice(TIME + 1).map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)), 'hash'].join(',');

/** The row's sentence from exportBatch's array (argsTruncated comes as 0 or 1, which the sentence reads as false or true). */
function sentenceOf(row: unknown[], names: SentenceNames): string {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < CSV_FIELDS.length; i++) fields[CSV_FIELDS[i] as string] = row[i];
  return auditSentence(fields as unknown as SentenceRow, names);
}

/**
 * One CSV field (RFC 4180). Text is always quoted, and wherever a spreadsheet could start a cell — the start of the
 * field, or after any character some locale splits on (`,` `;` tab `|`: sv-SE and pt-PT spreadsheets split on `;`,
 * and ignore quotes that do not open a cell) — a formula trigger (= + - @ tab CR) gets an apostrophe before it
 * (OWASP "CSV Injection"). Client names and arguments come from whoever registered the client. The JSONL export
 * keeps every value exactly.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  if (!NEEDS_CARE.test(value)) return `"${value}"`;
  return `"${value.replace(FORMULA_AT_CELL_START, "'$&").replaceAll('"', '""')}"`;
}
const FORMULA_AT_CELL_START = /(?<=(?:^|[,;\t|]) *)[=+\-@\t\r]/g;
/** Text without a formula trigger or a quote is written as it is (most sentences, tools and names: the quick way). */
const NEEDS_CARE = /[=+\-@\t\r"]/;

/** One CSV line from exportBatch's array: the time as ISO 8601 and local, what happened, args_truncated as true/false. */
function csvLine(row: unknown[], names: SentenceNames): string {
  let out = String(row[0]);
  for (let i = 1; i < row.length; i++) {
    if (i === TIME) {
      // Times hold nothing to quote or defuse.
      out += `,"${new Date(row[i] as number).toISOString()}","${localDateTime(row[i] as number)}",${csvField(sentenceOf(row, names))}`;
    } else out += `,${csvField(i === TRUNCATED ? row[i] === 1 : row[i])}`;
  }
  return `${out}\n`;
}

/** JSONL carries the arguments as JSON again, unless they were truncated (then no longer JSON: kept as text). */
function jsonLine(view: AuditRowView): string {
  return `${JSON.stringify({ ...view, args: view.argsTruncated ? view.args : (JSON.parse(view.args) as unknown) })}\n`;
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
  options: {
    format: AuditExportFormat;
    filter: AuditFilter;
    /** The app and tool names for the CSV's sentences (sentence-names.ts). */
    names: SentenceNames;
    write: (chunk: string) => void | Promise<void>;
    onProgress?: (p: ExportProgress) => void;
  },
): Promise<ExportProgress> {
  const total = repo.count(options.filter);
  let done = 0;
  let buffer = options.format === 'csv' ? `${CSV_HEADER}\n` : '';
  for (let afterId = 0; ; ) {
    let count: number;
    if (options.format === 'csv') {
      const rows = repo.exportBatch(options.filter, afterId, BATCH, CSV_FIELDS);
      for (const row of rows) buffer += csvLine(row, options.names);
      count = rows.length;
      afterId = (rows.at(-1)?.[0] as number | undefined) ?? afterId;
    } else {
      const rows = repo.batch(options.filter, afterId, BATCH);
      for (const row of rows) buffer += jsonLine(toView(row));
      count = rows.length;
      afterId = rows.at(-1)?.id ?? afterId;
    }
    if (count === 0) break;
    done += count;
    await options.write(buffer);
    buffer = '';
    options.onProgress?.({ done, total });
  }
  if (buffer) await options.write(buffer);
  return { done, total };
}
