import type Database from 'better-sqlite3';
import { writerClosed } from './db.ts';
import { type CustomDataPairs, type ExecutionWriteOp, executionWrites } from './executions-sqlite-ops.ts';
import { sqliteGroupCommit } from './sqlite-group-commit.ts';
import { sqliteWriterThread } from './sqlite-writer.ts';

const COLUMNS = `id, workflow_id AS workflowId, version_id AS versionId, status, mode, created_by AS createdBy,
  created_at AS createdAt, started_at AS startedAt, finished_at AS finishedAt, error, run_data AS runData, input,
  idempotency_key AS idempotencyKey, parent_execution_id AS parentExecutionId, retry_of AS retryOf,
  heartbeat_at AS heartbeatAt, wait_till AS waitTill, workflow_json AS workflowJson`;

/** A row of `executions` with the drizzle (camelCase) keys. */
export type ExecutionRow = {
  id: string;
  workflowId: string;
  versionId: string | null;
  status: string;
  mode: string;
  createdBy: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
  runData: string | null;
  input: string | null;
  idempotencyKey: string | null;
  parentExecutionId: string | null;
  retryOf: string | null;
  heartbeatAt: number | null;
  waitTill: number | null;
  workflowJson: string | null;
};

/**
 * The execution hot path on SQLite without drizzle's query building: hand-written prepared statements
 * (executions-sqlite-ops.ts), every write through a group commit. On a database file the writes run on a writer
 * thread (sqlite-writer.ts), off the thread that answers HTTP; `:memory:` (one connection only) or
 * TANDEM_SQLITE_WRITER=inline commit on this thread (sqlite-group-commit.ts). Either way each promise resolves
 * after its write committed, so callers keep the durability they had with one transaction per statement.
 */
export function executionsSqlite(client: Database.Database) {
  const get = client.prepare(`SELECT ${COLUMNS} FROM executions WHERE id = ? LIMIT 1`);
  let write: (op: ExecutionWriteOp) => Promise<number>;
  if (client.memory || process.env.TANDEM_SQLITE_WRITER === 'inline') {
    const group = sqliteGroupCommit(client);
    const apply = executionWrites(client);
    write = (op) => group.write(() => apply(op));
  } else {
    const writer = sqliteWriterThread(client.name);
    write = writer.write;
    // The writer's connection closes with the main one; queued writes commit first (Connection.close awaits it).
    const close = client.close.bind(client);
    client.close = () => {
      (client as unknown as { [writerClosed]?: Promise<void> })[writerClosed] = writer.close();
      return close();
    };
  }
  return {
    get: (id: string) => get.get(id) as ExecutionRow | undefined,
    insert: (row: Record<string, unknown>) => write({ k: 'insert', row }),
    markRunning: (id: string, at: number) => write({ k: 'markRunning', id, at }),
    saveCheckpoint: (id: string, node: string, runIndex: number, task: string, data?: CustomDataPairs) =>
      write({ k: 'checkpoint', id, node, runIndex, task, data }),
    /** The conditional final write and, when it won and checkpoints may exist, their removal: one unit. */
    finish: (
      id: string,
      v: {
        status: string;
        startedAt: number | null;
        finishedAt: number;
        error: string | null;
        runData: string | null;
        data?: CustomDataPairs;
      },
      dropCheckpoints: boolean,
    ) => write({ k: 'finish', id, ...v, dropCheckpoints }),
    park: (id: string, runData: string | null, waitTill: number | null, data?: CustomDataPairs) =>
      write({ k: 'park', id, runData, waitTill, data }),
    heartbeat: async (ids: string[], at: number) => {
      await write({ k: 'heartbeat', ids, at });
    },
  };
}
