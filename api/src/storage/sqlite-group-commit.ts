import type Database from 'better-sqlite3';

type Op = {
  run: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  result?: unknown;
};

/**
 * Group commit for SQLite writes. `write(fn)` queues `fn` (which runs prepared statements synchronously) and
 * resolves with its result once the transaction holding it has committed. Every write queued during one turn of
 * the event loop shares one transaction (flushed from `setImmediate`), so a burst of executions costs one WAL
 * commit instead of one per statement. Writes run in the order they were queued; a write that throws rejects only
 * its own promise (SQLite undoes the failing statement itself; write functions with several statements put the
 * one that can fail first). If the commit fails, every write of the batch is rejected: nobody is told "stored"
 * for something that is not.
 */
export function sqliteGroupCommit(client: Database.Database) {
  let queue: Op[] = [];
  let scheduled = false;
  // Prepared once: exec() would parse these texts again for every write.
  const begin = client.prepare('BEGIN IMMEDIATE');
  const commit = client.prepare('COMMIT');
  const rollback = client.prepare('ROLLBACK');

  const flush = () => {
    scheduled = false;
    const ops = queue;
    queue = [];
    if (ops.length === 0) return;
    // Someone else's transaction is open (cannot happen with synchronous callers, but never nest BEGIN).
    const own = !client.inTransaction;
    const failed = new Set<Op>();
    try {
      if (own) begin.run();
      for (const op of ops) {
        try {
          op.result = op.run();
        } catch (err) {
          failed.add(op);
          op.reject(err);
        }
      }
      if (own) commit.run();
    } catch (err) {
      if (client.inTransaction && own) rollback.run();
      for (const op of ops) if (!failed.has(op)) op.reject(err);
      return;
    }
    for (const op of ops) if (!failed.has(op)) op.resolve(op.result);
  };

  return {
    /** Runs `fn` in the next group transaction; resolves after the commit. */
    write<T>(fn: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    /** Writes queued and not yet committed. */
    get pending(): number {
      return queue.length;
    },
  };
}
