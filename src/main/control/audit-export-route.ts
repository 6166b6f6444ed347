import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { auditFilterInput } from '../../shared/control-api.ts';
import { exportAudit } from '../audit/export.ts';
import { auditFilter } from '../audit/filter.ts';
import { sendJson } from '../http/respond.ts';
import type { AuditRepo } from '../storage/audit-repo.ts';
import type { OwnerSessions } from './owner-session.ts';

const exportQuery = auditFilterInput.extend({ format: z.enum(['csv', 'jsonl']) }).strict();

/**
 * GET /api/audit/export?format=csv|jsonl&<filters>: the log streamed as a download, for any size. The total
 * comes first in X-Total-Rows so the panel can show progress as lines arrive. Owner session only, and only
 * as a same-origin request (a download link in the panel).
 */
export function createAuditExportRoute(options: { repo: AuditRepo; sessions: OwnerSessions }) {
  return async function handleAuditExport(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const site = req.headers['sec-fetch-site'];
    if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'Use GET.' } }, { Allow: 'GET' });
    if (!options.sessions.sessionOf(req)) return sendJson(res, 401, { ok: false, error: { code: 'not_signed_in', message: 'Open the panel with the owner login link first.' } });
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'Cross-site request refused.' } });
    const parsed = exportQuery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams));
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message } });
    }
    const { format, ...filterInput } = parsed.data;
    const filter = auditFilter(filterInput);
    const date = new Date().toISOString().slice(0, 10);
    res.writeHead(200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="studio-gateway-audit-${date}.${format}"`,
      'X-Total-Rows': String(options.repo.count(filter)),
    });
    await exportAudit(options.repo, {
      format,
      filter,
      write: (chunk) => (res.write(chunk) ? undefined : new Promise<void>((resolve) => res.once('drain', resolve))),
    });
    res.end();
  };
}
