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

/**
 * The thread: its own connection to the file, a PASSIVE checkpoint every interval (it never waits for the gateway's
 * readers or writer, and never blocks them), until told to stop. It sleeps in Atomics.wait, so stop() is answered
 * at once, and closes its connection before it says it has stopped. CommonJS in a string: it runs the same from
 * the sources and from the bundle, with better-sqlite3 required by the path the main thread resolved.
 */
const THREAD = `
const { workerData } = require('node:worker_threads');
const control = new Int32Array(workerData.control);
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('synchronous = NORMAL');
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  while (Atomics.wait(control, ${STOP}, 0, workerData.intervalMs) !== 'not-equal' && Atomics.load(control, ${STOP}) === 0) {
    try {
      checkpoint.get();
      Atomics.add(control, ${CHECKPOINTS}, 1);
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
  /** Checkpoints made so far, and those that failed (SQLITE_BUSY and the like: the next one tries again). */
  stats(): { checkpoints: number; failures: number };
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
export function startCheckpointer(file: string, onError: (err: unknown) => void, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const control = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { file, driver, intervalMs, control: control.buffer } });
  worker.unref();
  worker.on('error', onError);
  return {
    stats: () => ({ checkpoints: Atomics.load(control, CHECKPOINTS), failures: Atomics.load(control, FAILURES) }),
    stop() {
      Atomics.store(control, STOP, 1);
      Atomics.notify(control, STOP);
      Atomics.wait(control, STOPPED, 0, STOP_WAIT_MS);
      void worker.terminate();
    },
  };
}
