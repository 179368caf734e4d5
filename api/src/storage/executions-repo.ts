import type { Connection } from './db.ts';
import { executionQueries } from './executions-queries.ts';
import { type ExecutionsOptions, executionStore } from './executions-store.ts';
import { executionWriters } from './executions-writers.ts';
import { executionApiWrites } from './executions-writes.ts';

/**
 * Executions on SQL (SQLite or MySQL): the runner's `ExecutionStore` (executions-store.ts) plus what the api needs:
 * create with an idempotency key, resume, delete (executions-writes.ts), lists and custom data
 * (executions-queries.ts).
 * @example const executions = executionsRepo(conn, { maxRunDataChars: MAX_RUN_DATA_CHARS });
 */
export function executionsRepo(conn: Connection, options: ExecutionsOptions = {}) {
  const writers = executionWriters(conn);
  const store = executionStore(conn, writers, options);
  return {
    ...store,
    store,
    ...executionApiWrites(conn, writers),
    ...executionQueries(conn, writers),
  };
}
export type ExecutionsRepo = ReturnType<typeof executionsRepo>;
