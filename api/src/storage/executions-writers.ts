import type { ExecutionRecord } from '@tandem/worker';
import type { Connection } from './db.ts';
import { mysqlGroupCommit } from './executions-mysql-writer.ts';
import { executionsSqlite } from './executions-sqlite.ts';
import { executionStatements } from './executions-statements.ts';
import { runDataJsonWriter } from './run-data-json.ts';

/**
 * How executions are written on this connection, shared by the runner's store (executions-store.ts) and the api's
 * writes (executions-writes.ts): SQLite's hand-written statements and group commit (`hot`, executions-sqlite.ts),
 * MySQL's group commit over a multi-statement connection (`batched`, executions-mysql-writer.ts), else the
 * prepared statements; and the records of executions created here.
 * @example const { hot, batched, run, q } = executionWriters(conn);
 */
export function executionWriters(conn: Connection) {
  const { db, t, dialect, multiStatement, maxPacketBytes } = conn;
  const statements = executionStatements({ db, t, dialect });
  const run = (stmt: { execute(v?: Record<string, unknown>): unknown }, values: Record<string, unknown>) =>
    Promise.resolve(stmt.execute(values)) as Promise<any>;
  // SQLite: hand-written statements and group commit on the hot path (executions-sqlite.ts).
  const hot = dialect === 'sqlite' ? executionsSqlite((db as any).$client) : undefined;
  // MySQL: the same writes, group-committed over a multi-statement connection (executions-mysql-writer.ts). Two
  // batches in flight (db.ts' pool has two connections): a write need not wait for an unrelated batch's commit.
  const batched = multiStatement
    ? mysqlGroupCommit({ connect: multiStatement, inFlight: 2, maxQueryBytes: maxPacketBytes })
    : undefined;
  // SQLite (one process): executions created here and not written since, handed once to this process's runner
  // so it need not read back and parse the row it just wrote. Bounded: an api-only process never claims them.
  const created = new Map<string, ExecutionRecord>();
  return {
    ...statements,
    run,
    hot,
    batched,
    texts: runDataJsonWriter(),
    created,
    /** Forgets the created record of an execution something wrote since. */
    touched(id: string) {
      if (created.size > 0) created.delete(id);
    },
  };
}
export type ExecutionWriters = ReturnType<typeof executionWriters>;
