import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies committed WAL frames into the database file. */
export const CHECKPOINT_INTERVAL_MS = 200;
/** How long close() waits for a checkpoint under way to finish before it lets go of the thread. */
const STOP_WAIT_MS = 5000;

// The control words shared with the thread (Int32Array over a SharedArrayBuffer).
const STOP = 0;
const STOPPED = 1;
const CHECKPOINTS = 2;
const FAILURES = 3;
const RESTARTS = 4;
/** 1 while the thread wants the log to start over: the gateway's next write transaction waits for it. */
const RESTART_WANTED = 5;
/** 1 while the gateway's writer waits for the thread's restart. */
const WRITER_WAITING = 6;
/** How long the thread waits for the gateway's writer to step aside before it restarts anyway (an idle gateway). */
const WRITER_ASIDE_WAIT_MS = 100;
/** How long the gateway's writer waits at most for a restart (it takes a millisecond or two). */
const RESTART_WAIT_MS = 100;
/** How long the thread's connection waits for a lock (a write outside a transaction, a reader in another process). */
const THREAD_BUSY_TIMEOUT_MS = 50;

/**
 * The thread: its own connection to the file, a PASSIVE checkpoint every interval (it never waits for the gateway's
 * readers or writer, and never blocks them), until told to stop. It sleeps in Atomics.wait, so stop() is answered
 * at once, and closes its connection before it says it has stopped. CommonJS in a string: it runs the same from
 * the sources and from the bundle, with better-sqlite3 required by the path the main thread resolved.
 *
 * The log starts over (its next frames written from its beginning, over blocks already on disk) only when a write
 * begins with every frame copied (SQLite "Write-Ahead Logging" §"Avoiding Excessively Large WAL Files"). Under writes
 * that never pause a PASSIVE checkpoint never copies the last frame — more keep coming — and the WAL grew by every
 * commit (570 MB in 8 s under the benchmark's load). So once the log is past its limit, right after a PASSIVE pass,
 * the thread asks the gateway's writer to step aside (its next write transaction waits: yieldToRestart) and runs a
 * RESTART pass: it copies the few frames committed since the PASSIVE one and syncs — a millisecond or two, where the
 * gateway finishing a whole interval's frames itself held its event loop 15–30 ms — and the gateway's next write
 * starts the log over, cut back to its limit (journal_size_limit). A busy handler could not do this: a writer that
 * commits every turn of the event loop leaves the lock free for microseconds, and the thread never got it.
 */
const THREAD = `
const { workerData } = require('node:worker_threads');
const control = new Int32Array(workerData.control);
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { fileMustExist: true, timeout: ${THREAD_BUSY_TIMEOUT_MS} });
  db.pragma('synchronous = NORMAL');
  const frameBytes = db.pragma('page_size', { simple: true }) + 24;
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
  let restartedAt = -1;
  while (Atomics.wait(control, ${STOP}, 0, workerData.intervalMs) !== 'not-equal' && Atomics.load(control, ${STOP}) === 0) {
    try {
      const { log } = checkpoint.get();
      Atomics.add(control, ${CHECKPOINTS}, 1);
      // (Nothing written since the last restart: the gateway's next write starts the log over by itself.)
      if (log * frameBytes > workerData.walLimitBytes && log !== restartedAt) {
        restartedAt = log;
        checkpoint.get(); // what was committed during the pass above: the restart's own copy is smaller still
        Atomics.store(control, ${RESTART_WANTED}, 1);
        Atomics.wait(control, ${WRITER_WAITING}, 0, ${WRITER_ASIDE_WAIT_MS});
        try {
          if (restart.get().busy === 0) Atomics.add(control, ${RESTARTS}, 1);
        } finally {
          Atomics.store(control, ${RESTART_WANTED}, 0);
          Atomics.notify(control, ${RESTART_WANTED});
        }
      }
    } catch {
      Atomics.add(control, ${FAILURES}, 1);
    }
  }
} finally {
  try {
    db?.close();
  } finally {
    Atomics.store(control, ${STOPPED}, 1);
    Atomics.notify(control, ${STOPPED});
  }
}
`;

export interface Checkpointer {
  /**
   * Checkpoints made so far, those that failed (SQLITE_BUSY and the like: the next one tries again), and the times
   * the log was let start over.
   */
  stats(): { checkpoints: number; failures: number; restarts: number };
  /**
   * Called before each write transaction of the gateway: when the thread wants the log to start over, waits (a
   * millisecond or two) until it has.
   */
  yieldToRestart(): void;
  /** Stops the thread and waits (synchronously, a checkpoint at most) until its connection is closed. */
  stop(): void;
}

/**
 * WAL checkpoints off the request path (SQLite "Write-Ahead Logging" §"Checkpointing": "an application may choose to
 * run checkpoints in a separate thread"). The connection that serves requests has wal_autocheckpoint = 0, so no
 * commit of a request ever copies pages to the database file and waits for the disk (the fsync of an automatic
 * checkpoint landed inside requests and held every other one behind it); this thread does it, with a connection
 * of its own. Durability is the same: a commit is durable once in the WAL (synchronous = NORMAL), the checkpoint
 * only moves committed pages, and a crash part-way through one is recovered from the WAL.
 */
export function startCheckpointer(file: string, walLimitBytes: number, onError: (err: unknown) => void, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const control = new Int32Array(new SharedArrayBuffer(7 * Int32Array.BYTES_PER_ELEMENT));
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { file, driver, intervalMs, walLimitBytes, control: control.buffer } });
  worker.unref();
  worker.on('error', onError);
  return {
    stats: () => ({ checkpoints: Atomics.load(control, CHECKPOINTS), failures: Atomics.load(control, FAILURES), restarts: Atomics.load(control, RESTARTS) }),
    yieldToRestart() {
      if (Atomics.load(control, RESTART_WANTED) === 0) return;
      Atomics.store(control, WRITER_WAITING, 1);
      Atomics.notify(control, WRITER_WAITING);
      Atomics.wait(control, RESTART_WANTED, 1, RESTART_WAIT_MS);
      Atomics.store(control, WRITER_WAITING, 0);
    },
    stop() {
      Atomics.store(control, STOP, 1);
      Atomics.notify(control, STOP);
      Atomics.notify(control, WRITER_WAITING);
      Atomics.wait(control, STOPPED, 0, STOP_WAIT_MS);
      void worker.terminate();
    },
  };
}
