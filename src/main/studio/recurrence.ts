import { DomainError } from '../errors.ts';
import { isIsoDate } from '../../shared/instant.ts';
import { addDays, weekdayOf, zonedToEpoch } from './time.ts';

/**
 * Class schedules as RFC 5545 RRULEs, the subset studios use: FREQ=WEEKLY (BYDAY, INTERVAL) or FREQ=DAILY,
 * ending by COUNT or UNTIL or not at all. Anything else is refused by name rather than half-understood.
 */
export interface Recurrence {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  /** Weekdays, 0 = Sunday … 6 = Saturday (WEEKLY only). */
  byDay: number[] | null;
  count: number | null;
  /** Last date (inclusive) on which an occurrence may start, YYYY-MM-DD in the class's zone. */
  until: string | null;
}

const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function invalid(message: string): never {
  throw new DomainError('invalid_recurrence', `Invalid recurrence: ${message}. Example: FREQ=WEEKLY;BYDAY=MO,WE.`);
}

export function parseRecurrence(rule: string): Recurrence {
  const parts = new Map<string, string>();
  for (const part of rule.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined || value === '') invalid(`"${part}" is not KEY=VALUE`);
    if (parts.has(key.toUpperCase())) invalid(`${key} appears twice`);
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST']);
  for (const key of parts.keys()) if (!known.has(key)) invalid(`${key} is not supported (supported: FREQ, INTERVAL, BYDAY, COUNT, UNTIL)`);

  const freq = parts.get('FREQ');
  if (freq !== 'WEEKLY' && freq !== 'DAILY') invalid('FREQ must be WEEKLY or DAILY');
  if (parts.has('WKST') && parts.get('WKST') !== 'MO') invalid('only WKST=MO is supported');
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 52) invalid('INTERVAL must be a whole number from 1 to 52');

  let byDay: number[] | null = null;
  if (parts.has('BYDAY')) {
    if (freq !== 'WEEKLY') invalid('BYDAY is only supported with FREQ=WEEKLY');
    byDay = [...new Set((parts.get('BYDAY') ?? '').split(',').map((code) => {
      const day = DAY_CODES.indexOf(code);
      if (day < 0) invalid(`BYDAY "${code}" is not one of ${DAY_CODES.join(', ')}`);
      return day;
    }))].sort((a, b) => a - b);
  }

  if (parts.has('COUNT') && parts.has('UNTIL')) invalid('use COUNT or UNTIL, not both');
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  if (count !== null && (!Number.isInteger(count) || count < 1 || count > 1000)) invalid('COUNT must be a whole number from 1 to 1000');
  let until: string | null = null;
  if (parts.has('UNTIL')) {
    const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(parts.get('UNTIL') ?? '');
    until = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
    if (!until || !isIsoDate(until)) invalid('UNTIL must be a date like 20261231');
  }
  return { freq, interval, byDay, count, until };
}

export function formatRecurrence(r: Recurrence): string {
  const parts = [`FREQ=${r.freq}`];
  if (r.interval !== 1) parts.push(`INTERVAL=${r.interval}`);
  if (r.byDay) parts.push(`BYDAY=${r.byDay.map((d) => DAY_CODES[d]).join(',')}`);
  if (r.count !== null) parts.push(`COUNT=${r.count}`);
  if (r.until !== null) parts.push(`UNTIL=${r.until.replaceAll('-', '')}`);
  return parts.join(';');
}

/** Monday of the week a date falls in (weeks start on Monday: WKST=MO). */
function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

export interface Schedule {
  startDate: string;
  startTime: string;
  timezone: string;
  /** RRULE, or null for a single session on startDate. */
  recurrence: string | null;
}

/**
 * Every occurrence of a schedule, as UTC epoch seconds, from its start up to `horizon` (exclusive) or its
 * own end, whichever comes first.
 */
export function occurrences(schedule: Schedule, horizon: number): number[] {
  const at = (date: string) => zonedToEpoch(date, schedule.startTime, schedule.timezone);
  if (!schedule.recurrence) {
    const only = at(schedule.startDate);
    return only < horizon ? [only] : [];
  }
  const rule = parseRecurrence(schedule.recurrence);
  const out: number[] = [];
  const days = rule.freq === 'WEEKLY' ? (rule.byDay ?? [weekdayOf(schedule.startDate)]) : null;
  const firstWeek = mondayOf(schedule.startDate);
  for (let step = 0; step < 5000; step++) {
    const candidates =
      rule.freq === 'DAILY'
        ? [addDays(schedule.startDate, step * rule.interval)]
        : (days ?? []).map((d) => addDays(firstWeek, step * 7 * rule.interval + ((d + 6) % 7)));
    for (const date of candidates) {
      if (date < schedule.startDate) continue;
      if (rule.until !== null && date > rule.until) return out;
      const epoch = at(date);
      if (epoch >= horizon) return out;
      out.push(epoch);
      if (rule.count !== null && out.length >= rule.count) return out;
    }
  }
  return out;
}
