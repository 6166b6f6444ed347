import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/main/log.ts';
import { hasUnsafeCharacters } from '../../src/main/unsafe-text.ts';
import { tempDir } from '../support/gateway.ts';

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

  it('keeps the same escaped lines in a rotating file in the data folder when asked to', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const file = join(tempDir(), 'logs', 'studio-gateway.log');
    const log = createLogger({ file, quiet: true });
    log.info('quiet info still goes to the file');
    log.error('provider call failed', new Error('HTTP 503\nForged: line'));
    await expect.poll(() => (existsSync(file) ? readFileSync(file, 'utf8') : '')).toContain('provider call failed');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT.* info quiet info still goes to the file$/);
    expect(lines[1]).toContain('HTTP 503\\u000aForged: line');
  });
});
