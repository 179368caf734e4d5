import { Worker } from 'node:worker_threads';
import { type ExecutionWriteOp, encodeOp } from './executions-sqlite-ops.ts';
import type { WriteResult } from './sqlite-writer-worker.ts';

type Pending = { resolve: (n: number) => void; reject: (e: Error) => void };

/**
 * Group commit on a writer thread: execution writes (create, mark running, checkpoints, final state) run on a
 * thread of their own with its own connection, so SQLite's statement and commit work stays off the thread that
 * answers HTTP. The writes of one event-loop turn go in one message; the thread runs every message waiting when
 * it looks in one transaction (the busier, the bigger the group; at most 2,000 writes). Each promise resolves
 * after the transaction holding its write committed; a write that fails rejects only itself, a failed commit
 * rejects its whole group.
 */
export function sqliteWriterThread(file: string) {
  const worker = new Worker(new URL('./sqlite-writer-worker.ts', import.meta.url), { workerData: { file } });
  worker.unref();
  let flat: unknown[] = [];
  let waiting: Pending[] = [];
  /** Posted batches, oldest first; the thread answers them in order. */
  const inFlight: Pending[][] = [];
  let scheduled = false;
  let dead: Error | null = null;
  let onIdle: (() => void) | null = null;

  const send = () => {
    scheduled = false;
    if (waiting.length === 0) return;
    inFlight.push(waiting);
    worker.postMessage(flat);
    flat = [];
    waiting = [];
  };
  const idle = () => inFlight.length === 0 && waiting.length === 0;

  worker.on('message', (answers: WriteResult[][]) => {
    for (const results of answers) {
      const batch = inFlight.shift()!;
      for (let i = 0; i < batch.length; i++) {
        const r = results[i];
        if (typeof r === 'number') batch[i].resolve(r);
        else batch[i].reject(Object.assign(new Error(r.message), { name: r.name, code: r.code }));
      }
    }
    if (idle()) {
      worker.unref();
      onIdle?.();
    }
  });
  const fail = (err: Error) => {
    dead = err;
    for (const p of [...inFlight.flat(), ...waiting]) p.reject(err);
    inFlight.length = 0;
    waiting = [];
    flat = [];
    onIdle?.();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!dead) fail(new Error(`SQLite writer thread exited (${code})`));
  });

  return {
    write(op: ExecutionWriteOp): Promise<number> {
      if (dead) return Promise.reject(dead);
      return new Promise<number>((resolve, reject) => {
        if (idle()) worker.ref();
        encodeOp(op, flat);
        waiting.push({ resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(send);
        }
      });
    },
    /** Lets the queued writes commit, then closes the thread's connection. */
    async close(): Promise<void> {
      if (dead) return;
      if (!idle()) await new Promise<void>((r) => (onIdle = r));
      if (dead) return;
      const exited = new Promise((r) => worker.once('exit', r));
      dead = new Error('SQLite writer is closed');
      worker.postMessage({ close: true });
      await exited;
    },
  };
}
