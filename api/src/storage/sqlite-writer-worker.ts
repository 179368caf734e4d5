// The execution writer thread (see sqlite-writer.ts): its own connection to the database file. Each message is
// one batch of writes (flat, executions-sqlite-ops.ts); every batch waiting when one arrives joins it in one
// transaction, and one answer lists each batch's results (a row count, or the error), in order.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { decodeOps, executionWrites } from './executions-sqlite-ops.ts';

export type WriteResult = number | { name: string; message: string; code?: string };
type Message = unknown[] | { close: true };

/** Writes per transaction at most: bounds how long one commit holds the write lock. */
const MAX_OPS = 2000;

const port = parentPort!;
const client = new Database((workerData as { file: string }).file);
client.exec('PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
const apply = executionWrites(client);
const begin = client.prepare('BEGIN IMMEDIATE');
const commit = client.prepare('COMMIT');
const rollback = client.prepare('ROLLBACK');

const failure = (err: unknown): WriteResult => {
  const e = err as { name?: string; message?: string; code?: string };
  return { name: e?.name ?? 'Error', message: e?.message ?? String(err), code: e?.code };
};

let closing = false;
function close() {
  client.close();
  port.close();
}

port.on('message', (first: Message) => {
  if (closing) return;
  if (!Array.isArray(first)) return close();
  const batches = [decodeOps(first)];
  let ops = batches[0].length;
  while (ops < MAX_OPS) {
    const next = receiveMessageOnPort(port)?.message as Message | undefined;
    if (next === undefined) break;
    if (!Array.isArray(next)) {
      closing = true;
      break;
    }
    batches.push(decodeOps(next));
    ops += batches.at(-1)!.length;
  }
  const results: WriteResult[][] = batches.map((b) => new Array(b.length));
  try {
    begin.run();
    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b];
      for (let i = 0; i < batch.length; i++) {
        try {
          results[b][i] = apply(batch[i]);
        } catch (err) {
          results[b][i] = failure(err);
        }
      }
    }
    commit.run();
  } catch (err) {
    if (client.inTransaction) rollback.run();
    for (const r of results) r.fill(failure(err));
  }
  port.postMessage(results);
  if (closing) close();
});
