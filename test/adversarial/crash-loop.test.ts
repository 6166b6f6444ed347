import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The crash loop (scripts/crash-loop.ts) with a CI-sized count; docs/SECURITY.md reports the long local runs.

const run = promisify(execFile);
const SCRIPT = new URL('../../scripts/crash-loop.ts', import.meta.url).pathname;

describe('a gateway killed with SIGKILL mid-load, again and again', () => {
  it('loses no acknowledged write, keeps SQLite intact and the audit chain whole, never locks a refreshing agent out, 5 of 5 runs', async () => {
    const { stdout } = await run(process.execPath, [SCRIPT, '--runs', '5'], { timeout: 180_000 }).catch((err: { stdout?: string; stderr?: string }) => {
      throw new Error(`the crash loop failed:\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
    });
    const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { runs: number; acknowledged: number; lost: number; refreshes: number; ok: boolean };
    expect(summary).toMatchObject({ runs: 5, lost: 0, ok: true });
    expect(summary.acknowledged).toBeGreaterThan(25);
    expect(summary.refreshes).toBeGreaterThan(5);
    expect(stdout.split('\n').filter((l) => l.startsWith('run '))).toHaveLength(5);
  }, 200_000);
});
