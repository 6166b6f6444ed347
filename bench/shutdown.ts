import { spawnServe } from './serve.ts';
import { summarize, type Summary } from './stats.ts';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

/**
 * One headless gateway with the demo workspace, as `studio-gateway serve` runs: once it answers (this process keeps the
 * keep-alive connection of that answer open, as a connected client would), the signal is sent; the figure is the
 * time from the signal to the process's exit, and the exit code (0 when it stopped cleanly).
 */
async function shutdownOnce(signal: ShutdownSignal): Promise<{ ms: number; code: number | null }> {
  const { child, exited, listening, remove } = spawnServe('sg-bench-stop-', ['--demo']);
  try {
    const url = await listening;
    const answer = await fetch(`${url}/.well-known/oauth-protected-resource/mcp`);
    if (answer.status !== 200) throw new Error(`the gateway answered ${answer.status}`);
    await answer.body?.cancel();
    const signalled = performance.now();
    child.kill(signal);
    const code = await exited;
    return { ms: performance.now() - signalled, code };
  } finally {
    child.kill('SIGKILL');
    remove();
  }
}

export type Shutdown = Record<ShutdownSignal, { time: Summary; exitCodes: (number | null)[] }>;

/** `runs` stops per signal, alternating the signals. A figure only: the tests check the exit code, not the time. */
export async function measureShutdown(runs = 9): Promise<Shutdown> {
  const samples: Record<ShutdownSignal, { ms: number; code: number | null }[]> = { SIGTERM: [], SIGINT: [] };
  for (let i = 0; i < runs; i++) for (const signal of SHUTDOWN_SIGNALS) samples[signal].push(await shutdownOnce(signal));
  const figure = (signal: ShutdownSignal) => ({ time: summarize(samples[signal].map((s) => s.ms)), exitCodes: [...new Set(samples[signal].map((s) => s.code))] });
  return { SIGTERM: figure('SIGTERM'), SIGINT: figure('SIGINT') };
}
