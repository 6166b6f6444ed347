import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditLog } from '../src/main/audit/audit-log.ts';
import { exportAudit } from '../src/main/audit/export.ts';
import { sentenceNames } from '../src/main/audit/sentence-names.ts';
import { createAuditQueries } from '../src/main/audit/queries.ts';
import type { AuditFilter } from '../src/main/storage/audit-repo.ts';
import { createStorage } from '../src/main/storage/index.ts';
import { seededRandom } from '../src/main/studio/demo/random.ts';
import { summarize, type Summary } from './stats.ts';

const TOOLS = ['list_bookings', 'get_class', 'create_booking', 'list_clients', 'update_client_notes', 'send_message', 'get_financial_summary', 'search_directory', 'list_sessions', 'cancel_booking'];
const WORDS = ['yoga', 'pilates', 'barre', 'breathwork', 'morning', 'evening', 'lisbon', 'stockholm', 'reformer', 'vinyasa'];

export interface AuditScaleResult {
  rows: number;
  buildSeconds: number;
  /** Full-text indexing of every row in one batch. */
  textIndexSeconds: number;
  fileMb: number;
  filteredPage: Summary;
  textSearch: Summary;
  csvExportSeconds: number;
}

/**
 * Builds an audit log of `rows` rows through the real insert path (redaction, hash chain, FTS, daily
 * counts), then times what the panel does with it: filtered pages, text searches, a full CSV export.
 */
export async function measureAuditAtScale(rows = 1_000_000): Promise<AuditScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-audit-bench-'));
  const file = join(dir, 'audit.sqlite');
  const storage = createStorage(file);
  const random = seededRandom(99);
  const start = Date.parse('2025-11-01T00:00:00Z');
  let t = start;
  const audit = createAuditLog(storage, () => t);
  const built = performance.now();
  for (let done = 0; done < rows; ) {
    storage.transaction(() => {
      for (let i = 0; i < 10_000 && done < rows; i++, done++) {
        t += random.int(1, 60_000);
        const client = random.int(1, 25);
        const tool = random.pick(TOOLS);
        audit.record({
          kind: 'mcp',
          endpoint: 'tools/call',
          tool,
          clientId: `cli_${client}`,
          clientName: `Agent ${client}`,
          grantId: `grant_${client}`,
          args: { class_id: `cls_${random.pick(WORDS)}_${random.int(1, 15)}`, query: `${random.pick(WORDS)} ${random.pick(WORDS)}`, limit: 20 },
          status: random.next() < 0.9 ? 'ok' : random.next() < 0.8 ? 'refused' : 'error',
          reason: null,
          durationMs: random.next() * 4,
        });
      }
    });
  }
  const buildSeconds = (performance.now() - built) / 1000;
  // The gateway indexes new rows for search every few seconds; here the whole build is indexed at once.
  const indexed = performance.now();
  storage.audit.indexPendingText();
  const textIndexSeconds = (performance.now() - indexed) / 1000;
  storage.db.pragma('wal_checkpoint(TRUNCATE)');
  storage.db.exec('ANALYZE');

  const queries = createAuditQueries(storage.audit);
  const span = t - start;
  const time = (filter: AuditFilter) => {
    const began = performance.now();
    queries.page(filter, 50);
    return performance.now() - began;
  };
  const filtered: number[] = [];
  const searched: number[] = [];
  for (let i = 0; i < 40; i++) {
    const from = start + Math.floor(random.next() * span * 0.8);
    filtered.push(
      time({ clientId: `cli_${random.int(1, 25)}` }),
      time({ clientId: `cli_${random.int(1, 25)}`, status: 'error' }),
      time({ tool: random.pick(TOOLS), fromMs: from, toMs: from + 7 * 86_400_000 }),
      time({ status: 'refused', clientId: `cli_${random.int(1, 25)}`, tool: random.pick(TOOLS) }),
      time({ fromMs: from, toMs: from + 86_400_000 }),
      // The panel's first view: what agents did (no technical events), and one app's refusals in it.
      time({ activityOnly: true }),
      time({ activityOnly: true, clientId: `cli_${random.int(1, 25)}`, outcome: 'failed' }),
    );
    searched.push(time({ text: random.pick(WORDS) }), time({ text: `${random.pick(WORDS)} ${random.pick(WORDS)}` }), time({ text: random.pick(WORDS), clientId: `cli_${random.int(1, 25)}` }));
  }

  const out = createWriteStream(join(dir, 'audit.csv'));
  const exported = performance.now();
  await exportAudit(storage.audit, {
    format: 'csv',
    filter: {},
    names: sentenceNames(storage.apps),
    write: (chunk) => (out.write(chunk) ? undefined : new Promise<void>((resolve) => out.once('drain', resolve))),
  });
  await new Promise<void>((resolve) => out.end(resolve));
  const csvExportSeconds = (performance.now() - exported) / 1000;
  const fileMb = statSync(file).size / 2 ** 20;
  storage.close();
  rmSync(dir, { recursive: true, force: true });
  return { rows, buildSeconds, textIndexSeconds, fileMb, filteredPage: summarize(filtered), textSearch: summarize(searched), csvExportSeconds };
}
