import { DomainError } from '../errors.ts';

/** A page request: at most `limit` items after the position `cursor` names. */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Cursors are opaque to callers: base64url of the offset they continue from. */
export function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(offset) || offset < 0) throw new DomainError('invalid_cursor', 'cursor is not one this gateway issued; start again without it.');
  return offset;
}

/** Runs a query for limit+1 rows from the cursor's offset and shapes the page. */
export function paged<T>(request: PageRequest, fetch: (limit: number, offset: number) => T[]): Page<T> {
  const offset = offsetOf(request.cursor);
  const rows = fetch(request.limit + 1, offset);
  const more = rows.length > request.limit;
  return {
    items: more ? rows.slice(0, request.limit) : rows,
    nextCursor: more ? Buffer.from(String(offset + request.limit)).toString('base64url') : null,
  };
}

/** Builds a WHERE clause from optional conditions; each condition brings its own parameters. */
export function where(conditions: readonly (readonly [sql: string, ...params: unknown[]] | false | undefined)[]): { sql: string; params: unknown[] } {
  const used = conditions.filter((c): c is readonly [string, ...unknown[]] => Array.isArray(c));
  return {
    sql: used.length ? `WHERE ${used.map(([sql]) => `(${sql})`).join(' AND ')}` : '',
    params: used.flatMap(([, ...params]) => params),
  };
}

export const json = {
  parse<T>(text: string): T {
    return JSON.parse(text) as T;
  },
  stringify(value: unknown): string {
    return JSON.stringify(value);
  },
};
