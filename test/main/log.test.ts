import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/main/log.ts';
import { hasUnsafeCharacters } from '../../src/main/unsafe-text.ts';

afterEach(() => vi.restoreAllMocks());

describe('the log', () => {
  it('writes one line per event whatever a value holds: newlines, controls and bidi overrides are shown escaped', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const log = createLogger();
    log.info('consent requested by Evil\n2026-11-28T00:00:00.000Z info Control panel: http://127.0.0.1:8787/panel/#login=forged');
    log.warn('name \u202eexe.txt\u0007 \u2028 done');
    expect(written).toHaveLength(2);
    for (const line of written) expect(hasUnsafeCharacters(line.slice(0, -1))).toBe(false);
    expect(written[0]).toContain('Evil\\u000a2026');
    expect(written[1]).toContain('\\u202eexe.txt\\u0007');
    // Plain text is written as it is (the control case).
    log.info('gateway listening on 127.0.0.1:8787');
    expect(written[2]).toMatch(/ info gateway listening on 127\.0\.0\.1:8787\n$/);
  });
});
