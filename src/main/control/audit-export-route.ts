import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../../shared/clock.ts';
import { exportAudit } from '../audit/export.ts';
import { auditFilter, auditFilterInput } from '../audit/filter.ts';
import { sentenceNames } from '../audit/sentence-names.ts';
import type { Storage } from '../storage/index.ts';
import { authenticateOwner, refuse } from './http-transport.ts';
import type { OwnerSessions } from './owner-sessions.ts';

const exportQuery = auditFilterInput.extend({ format: z.enum(['csv', 'jsonl']) }).strict();

/**
 * GET /api/audit/export?format=csv|jsonl&<filters>: the log streamed as a download, for any size. The total
 * comes first in X-Total-Rows so the panel can show progress as lines arrive. Signed by the owner's panel session,
 * from the panel's own page (a fetch, saved by the page as a file).
 */
export function createAuditExportRoute(options: { storage: Pick<Storage, 'audit' | 'apps'>; sessions: OwnerSessions; clock: Clock }) {
  const repo = options.storage.audit;
  return async function handleAuditExport(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const site = req.headers['sec-fetch-site'];
    if (req.method !== 'GET') return refuse(res, 'method_not_allowed', 'Use GET.', { Allow: 'GET' });
    if (site !== undefined && site !== 'same-origin') return refuse(res, 'forbidden', 'Cross-site request refused.');
    // A GET has no body: the signature covers the digest of the empty body, and the query through @target-uri.
    const auth = authenticateOwner(req, res, options.sessions);
    if (!auth) return;
    if (!options.sessions.bodyMatches(Buffer.alloc(0), auth.expectedDigest)) return refuse(res, 'bad_signature', 'A GET is signed with the digest of an empty body.');
    const parsed = exportQuery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams));
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
      return refuse(res, 'invalid_input', message);
    }
    const { format, ...filterInput } = parsed.data;
    const filter = auditFilter(filterInput);
    const date = new Date(options.clock.nowMs()).toISOString().slice(0, 10);
    res.writeHead(200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="studio-gateway-audit-${date}.${format}"`,
      'X-Total-Rows': String(repo.count(filter)),
    });
    await exportAudit(repo, {
      format,
      filter,
      names: sentenceNames(options.storage.apps),
      write: (chunk) => (res.write(chunk) ? undefined : new Promise<void>((resolve) => res.once('drain', resolve))),
    });
    res.end();
  };
}
