import { OUTCOME_RULES, type AuditOutcome, type OutcomeRule } from '../../shared/audit-outcome.ts';
import { AUDIT_STATUSES } from '../../shared/audit-row.ts';

/** A WHERE condition and its parameters (paging.ts `where`). */
export type Condition = readonly [sql: string, ...params: unknown[]];

/**
 * What agents did and what the owner decided: every tool call whatever its outcome, the owner's changes in the panel,
 * and requests turned away before any method for a reason the owner set (her rate limit, her pause). Everything else
 * is a technical event: OAuth (register, authorize, token…), MCP methods other than tools/call (initialize,
 * tools/list…), and requests refused for their form or their token (401, 405, 406, 415…).
 *
 * Word for word the WHERE of the partial indexes of migration 10, which count these rows without reading them: SQLite
 * uses a partial index only for a condition it recognises as the index's own.
 */
export const AGENT_ACTIVITY: Condition = ["a.kind = 'control' OR a.tool IS NOT NULL OR (a.kind = 'mcp' AND a.endpoint = 'mcp' AND a.http_status IN (429, 503))"];

/** The reason's code, in SQL as reasonCode() in TypeScript: the reason up to its first colon. */
const REASON_CODE = "CASE WHEN instr(a.reason, ':') > 0 THEN substr(a.reason, 1, instr(a.reason, ':') - 1) ELSE a.reason END";

const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');
const NOT_OK = AUDIT_STATUSES.filter((status) => status !== 'ok');

function ruleSql(rule: OutcomeRule): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (rule.status !== undefined) {
    parts.push('a.status = ?');
    params.push(rule.status);
  }
  if (rule.httpStatuses) {
    parts.push(`a.http_status IN (${marks(rule.httpStatuses)})`);
    params.push(...rule.httpStatuses);
  }
  if (rule.codes) {
    parts.push(`(${REASON_CODE}) IN (${marks(rule.codes)})`);
    params.push(...rule.codes);
  }
  return { sql: parts.join(' AND ') || '1', params };
}

/** The rules of shared/audit-outcome.ts as one CASE: the first rule that matches names the outcome, else failed. */
const OUTCOME_CASE = (() => {
  const rules = OUTCOME_RULES.map(ruleSql);
  return {
    sql: `CASE ${rules.map((r) => `WHEN ${r.sql} THEN ?`).join(' ')} ELSE 'failed' END`,
    params: OUTCOME_RULES.flatMap((rule, i) => [...(rules[i]?.params ?? []), rule.outcome]),
  };
})();

/**
 * Rows that ended with this outcome: done is every `ok` row, the others are told apart by the rules. For a count
 * (`seek`), the status is a term of its own, so an index that holds it (migration 10's) narrows to those rows first.
 * For rows (a page newest first, an export oldest first) it is not: SQLite would then fetch every row of that status
 * and sort them, where walking the log in id order stops after a page.
 */
export function outcomeCondition(outcome: AuditOutcome, seek: boolean): Condition {
  const status = seek ? 'a.status' : '+a.status';
  if (outcome === 'done') return [`${status} = 'ok'`];
  return [`${status} IN (${marks(NOT_OK)}) AND (${OUTCOME_CASE.sql}) = ?`, ...NOT_OK, ...OUTCOME_CASE.params, outcome];
}
