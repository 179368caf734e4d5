import type Database from 'better-sqlite3';
import { sqliteGroupCommit } from './sqlite-group-commit.ts';

const COLUMNS = `id, workflow_id AS workflowId, version_id AS versionId, status, mode, created_by AS createdBy,
  created_at AS createdAt, started_at AS startedAt, finished_at AS finishedAt, error, run_data AS runData, input,
  idempotency_key AS idempotencyKey, parent_execution_id AS parentExecutionId, retry_of AS retryOf,
  heartbeat_at AS heartbeatAt, wait_till AS waitTill, workflow_json AS workflowJson`;
const UNFINISHED = `status IN ('queued', 'running', 'waiting')`;

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
 * The execution hot path on SQLite without drizzle's query building: hand-written prepared statements, every
 * write through one group commit (see sqlite-group-commit.ts). Each promise resolves after its write committed,
 * so callers keep the durability they had with one transaction per statement.
 */
export function executionsSqlite(client: Database.Database) {
  const group = sqliteGroupCommit(client);
  const s = {
    get: client.prepare(`SELECT ${COLUMNS} FROM executions WHERE id = ? LIMIT 1`),
    insert: client.prepare(
      `INSERT INTO executions (id, workflow_id, version_id, status, mode, created_by, created_at, input,
        workflow_json, idempotency_key, parent_execution_id, retry_of)
       VALUES (@id, @workflowId, @versionId, @status, @mode, @createdBy, @createdAt, @input, @workflowJson,
        @idempotencyKey, @parentExecutionId, @retryOf)`,
    ),
    markRunning: client.prepare(
      `UPDATE executions SET status = 'running', started_at = coalesce(started_at, ?), heartbeat_at = ?,
        wait_till = NULL WHERE id = ? AND ${UNFINISHED}`,
    ),
    checkpoint: client.prepare(
      `INSERT INTO execution_checkpoints (execution_id, node_name, run_index, task) VALUES (?, ?, ?, ?)
       ON CONFLICT (execution_id, node_name, run_index) DO UPDATE SET task = excluded.task`,
    ),
    finish: client.prepare(
      `UPDATE executions SET status = ?, finished_at = ?, error = ?, run_data = ?, wait_till = NULL
       WHERE id = ? AND ${UNFINISHED}`,
    ),
    dropCheckpoints: client.prepare('DELETE FROM execution_checkpoints WHERE execution_id = ?'),
    park: client.prepare(
      `UPDATE executions SET status = 'waiting', run_data = ?, wait_till = ? WHERE id = ? AND status = 'running'`,
    ),
    heartbeat: client.prepare(`UPDATE executions SET heartbeat_at = ? WHERE id = ? AND status = 'running'`),
  };
  return {
    get: (id: string) => s.get.get(id) as ExecutionRow | undefined,
    insert: (row: Record<string, unknown>) => group.write(() => s.insert.run(row)),
    markRunning: (id: string, at: number) => group.write(() => s.markRunning.run(at, at, id).changes),
    saveCheckpoint: (id: string, node: string, runIndex: number, task: string) =>
      group.write(() => s.checkpoint.run(id, node, runIndex, task)),
    /** The conditional final write and, when it won and checkpoints may exist, their removal: one unit. */
    finish: (
      id: string,
      v: { status: string; finishedAt: number; error: string | null; runData: string | null },
      dropCheckpoints: boolean,
    ) =>
      group.write(() => {
        const changes = s.finish.run(v.status, v.finishedAt, v.error, v.runData, id).changes;
        if (changes > 0 && dropCheckpoints) s.dropCheckpoints.run(id);
        return changes;
      }),
    park: (id: string, runData: string | null, waitTill: number | null) =>
      group.write(() => {
        const changes = s.park.run(runData, waitTill, id).changes;
        if (changes > 0) s.dropCheckpoints.run(id);
        return changes;
      }),
    heartbeat: (ids: string[], at: number) =>
      group.write(() => {
        for (const id of ids) s.heartbeat.run(at, id);
      }),
  };
}
