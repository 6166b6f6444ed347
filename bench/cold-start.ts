import { spawnServe } from './serve.ts';
import { rssMiB } from './mcp-load.ts';
import { summarize, type Summary } from './stats.ts';

/** How long the gateway sits idle before its memory is read. */
const IDLE_MS = 3000;

/** One headless start as a user runs it: from spawn to the first 200 on the protected resource metadata; then RSS at rest. */
async function coldStartOnce(): Promise<{ ms: number; idleRssMiB: number }> {
  const started = performance.now();
  const { child, exited, listening, remove } = spawnServe('sg-bench-');
  try {
    const url = await listening;
    let ms = 0;
    while (!ms) {
      const response = await fetch(`${url}/.well-known/oauth-protected-resource/mcp`).catch(() => undefined);
      if (response?.status === 200) ms = performance.now() - started;
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { ms, idleRssMiB: await rssMiB(child.pid ?? 0) };
  } finally {
    child.kill('SIGTERM');
    await exited;
    remove();
  }
}

export interface ColdStart {
  start: Summary;
  /** RSS of each started gateway after IDLE_MS at rest, MiB. */
  idleRssMiB: Summary;
}

/**
 * `runs` starts after one discarded start: a fresh build's first start also fills Node's compile cache and the OS
 * file cache, which every later start of that build finds.
 */
export async function measureColdStart(runs = 9): Promise<ColdStart> {
  await coldStartOnce();
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await coldStartOnce());
  return { start: summarize(results.map((r) => r.ms)), idleRssMiB: summarize(results.map((r) => r.idleRssMiB)) };
}
