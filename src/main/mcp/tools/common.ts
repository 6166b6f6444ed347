import { z } from 'zod';
import type { Page } from '../../storage/paging.ts';
import { instantSeconds, isIsoDate } from '../../../shared/instant.ts';
import { isValidTimeZone, isWallTime } from '../../studio/time.ts';

/** Field schemas every tool shares, so the same input is checked the same way everywhere. */

export const id = (what: string) => z.string().trim().min(1).max(64).describe(`${what} id`);

export const page = {
  limit: z.number().int().min(1).max(100).default(20).describe('Items per page, 1–100 (default 20)'),
  cursor: z.string().max(200).optional().describe('next_cursor from the previous page'),
};

export const isoDate = z.string().refine(isIsoDate, 'must be a calendar date written YYYY-MM-DD');
export const wallTime = z.string().refine(isWallTime, 'must be a 24-hour time written HH:MM');
export const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Stockholm');
/** An instant (ISO 8601 with Z or an offset) or a date (midnight UTC), as epoch seconds. */
export const instant = instantSeconds.describe('ISO 8601 date or date-time with zone');
export const cents = z.number().int().min(0).max(100_000_000);
export const shortText = (max: number) => z.string().trim().min(1).max(max);

/** A page of results as tools return it. */
export function pageResult<T>(result: Page<T>, key: string) {
  return { [key]: result.items, nextCursor: result.nextCursor };
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

type Camel<Key extends string> = Key extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : Key;
/** An object with its snake_case keys in camelCase: what a service takes for what a tool was given. */
export type CamelCased<T> = { [Key in keyof T as Key extends string ? Camel<Key> : Key]: T[Key] };

/**
 * Tool arguments speak snake_case and the services camelCase: the arguments as a service takes them, where it takes
 * them under the same names (one level deep: nested objects keep their keys).
 */
export function toCamelCase<T extends object>(args: T): CamelCased<T> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [camel(k), v])) as CamelCased<T>;
}

/** Each key's snake_case, made once: results repeat the same few hundred keys on every call. */
const snakeKeys = new Map<string, string>();
const snakeKey = (key: string): string => {
  let converted = snakeKeys.get(key);
  if (converted === undefined) {
    converted = snake(key);
    // Keys a service took from data (free-form maps) are not kept: only the first thousand, the models' own.
    if (snakeKeys.size < 1000) snakeKeys.set(key, converted);
  }
  return converted;
};

/** Tool results speak snake_case, like their arguments (agents see one convention). */
export function toSnakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeCase);
  if (value === null || typeof value !== 'object') return value;
  const converted: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    // (An own "__proto__" from data stays a plain key, as Object.fromEntries would make it, not the prototype.)
    if (key === '__proto__') Object.defineProperty(converted, key, { value: toSnakeCase(field), enumerable: true, writable: true, configurable: true });
    else converted[snakeKey(key)] = toSnakeCase(field);
  }
  return converted;
}
