// WAL checkpoints off the execution writer's commit path (started by sqlite-writer-worker.ts, which pokes it
// after its commits). A checkpoint syncs the WAL, copies its pages into the database file and syncs that: two
// fsyncs of milliseconds each. Run by the writer itself (SQLite's auto-checkpoint every 1,000 pages) they held
// up every commit behind them — the webhook p99. Here they run beside the writer's commits (PASSIVE: never waits
// for, nor blocks, the writer or readers). The WAL starts over from its beginning once a checkpoint has copied
// all of it; under a load that never pauses it cannot, so the writer keeps an auto-checkpoint far above the usual
// one as the bound of the WAL's size, and that one finds nearly everything already copied.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const PAUSE_MS = 25;

const port = parentPort!;
const client = new Database((workerData as { file: string }).file);
client.exec('PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');

port.on('message', (m: 'checkpoint' | 'close') => {
  if (m === 'close') {
    client.close();
    port.close();
    return;
  }
  try {
    // exec, not a prepared statement: a statement object's finalizer can run after the thread's environment is
    // gone at exit, which aborts the process (better-sqlite3 12 on Node 24, see sqlite-gc.test.ts).
    client.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failed: the next poke tries again, and the writer's own auto-checkpoint bounds the WAL meanwhile.
  }
  // At most one pass per PAUSE_MS: each copies the latest version of every page written since the last one, so
  // spacing them copies the hot pages (the executions being written) fewer times.
  setTimeout(() => port.postMessage('done'), PAUSE_MS);
});
