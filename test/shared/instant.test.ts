import { describe, expect, it } from 'vitest';
import { isIsoDate, parseInstantMs } from '../../src/shared/instant.ts';

describe('the one date and instant reader', () => {
  it('reads dates as midnight UTC and date-times with Z or an offset', () => {
    expect(parseInstantMs('2026-12-01')).toBe(Date.UTC(2026, 11, 1));
    expect(parseInstantMs('2026-12-01T18:00Z')).toBe(Date.UTC(2026, 11, 1, 18));
    expect(parseInstantMs('2026-12-01T18:00:30.250Z')).toBe(Date.UTC(2026, 11, 1, 18, 0, 30, 250));
    expect(parseInstantMs('2026-12-01T19:00:00+01:00')).toBe(Date.UTC(2026, 11, 1, 18));
    expect(parseInstantMs('2026-12-01T13:30:00-04:30')).toBe(Date.UTC(2026, 11, 1, 18));
    expect(parseInstantMs('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
    expect(parseInstantMs('0099-01-01')).toBe(new Date('0099-01-01T00:00:00Z').getTime());
  });

  it.each([
    ['2026-02-30T10:00:00Z', 'a day February does not have'],
    ['2026-02-29', 'February 29 outside a leap year'],
    ['2100-02-29', 'a century that is not a leap year'],
    ['2026-04-31T00:00:00Z', 'April 31'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-12-00', 'day 0'],
    ['2026-12-01T24:00:00Z', 'hour 24'],
    ['2026-12-01T10:60:00Z', 'minute 60'],
    ['2026-12-01T10:00:60Z', 'second 60'],
    ['2026-12-01T10:00:00', 'a date-time without a zone'],
    ['2026-12-01T10:00:00+24:00', 'an offset of 24 hours'],
    ['2026-12-01T10:00:00+01:60', 'an offset minute of 60'],
    ['Tue, 01 Dec 2026 10:00:00 GMT', 'another format Date.parse accepts'],
    ['2026-12-1', 'a one-digit day'],
  ])('refuses %s (%s)', (value) => {
    expect(parseInstantMs(value)).toBeUndefined();
  });

  it('knows which calendar dates exist', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-12-31')).toBe(true);
    expect(isIsoDate('2026-12-31T00:00:00Z')).toBe(false);
  });
});
