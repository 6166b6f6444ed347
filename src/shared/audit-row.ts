/** The shape of one audit log row, declared once: the writer, the chain hash, storage, exports and the panel read it. */

export const AUDIT_KINDS = ['oauth', 'mcp', 'control'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export const AUDIT_STATUSES = ['ok', 'refused', 'error'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export interface AuditFields {
  id: number;
  /** When it was written, ms since the epoch (never before the row above it). */
  tsMs: number;
  kind: AuditKind;
  /** The OAuth route, the MCP method (`tools/call`, `mcp` for a request refused before any method), or the control call. */
  endpoint: string;
  tool: string | null;
  clientId: string | null;
  clientName: string | null;
  grantId: string | null;
  /** Who acted, when it was the owner (consent decisions, revocations). */
  actor: string | null;
  /** Redacted arguments, JSON (or cut text when argsTruncated). */
  args: string;
  argsTruncated: boolean;
  status: AuditStatus;
  reason: string | null;
  httpStatus: number | null;
  durationMs: number;
  /**
   * A tool call in the owner's words, with the names of the records it touched, written when the call was made:
   * "added a note to Anna Nilsson" when it ran (status ok), "tried to delete client Anna Nilsson — 14 bookings and
   * notes" when it did not. Without the app's name (clientName says it) and never a secret or a note's or message's
   * text. Null for everything else, for calls whose record could not be named, and for rows written before it existed.
   */
  summary: string | null;
}

/** Every field, in the order the chain hash covers them (changing it breaks every existing chain). */
export const AUDIT_FIELDS = [
  'id',
  'tsMs',
  'kind',
  'endpoint',
  'tool',
  'clientId',
  'clientName',
  'grantId',
  'actor',
  'args',
  'argsTruncated',
  'status',
  'reason',
  'httpStatus',
  'durationMs',
  // Added by migration 9: the hash covers it only when it is not null (chain.ts), so older rows still verify.
  'summary',
] as const satisfies readonly (keyof AuditFields)[];

/** Compiles only while AUDIT_FIELDS names every field of AuditFields. */
type Unlisted = Exclude<keyof AuditFields, (typeof AUDIT_FIELDS)[number]>;
export const AUDIT_FIELDS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;

/** A row as the panel and the JSONL export show it: the time as ISO 8601 and the hash as hex. */
export type AuditRowView = Omit<AuditFields, 'tsMs'> & { time: string; hash: string };
