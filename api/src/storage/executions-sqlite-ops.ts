import type Database from 'better-sqlite3';

const UNFINISHED = `status IN ('queued', 'running', 'waiting')`;

/**
 * One execution write as plain data, so it can be run here or posted to the writer thread
 * (sqlite-writer.ts). Every op returns the number of rows its main statement changed.
 */
export type ExecutionWriteOp =
  | { k: 'insert'; row: Record<string, unknown> }
  | { k: 'markRunning'; id: string; at: number }
  | { k: 'checkpoint'; id: string; node: string; runIndex: number; task: string; data?: CustomDataPairs }
  | {
      k: 'finish';
      id: string;
      status: string;
      /** Set when the run was never marked running: its start, unless one is stored. */
      startedAt: number | null;
      finishedAt: number;
      error: string | null;
      runData: string | null;
      dropCheckpoints: boolean;
      data?: CustomDataPairs;
    }
  | { k: 'park'; id: string; runData: string | null; waitTill: number | null; data?: CustomDataPairs }
  | { k: 'heartbeat'; ids: string[]; at: number };

/** Custom execution data as flat name, value pairs (`[name1, value1, name2, value2]`); absent when there is none. */
export type CustomDataPairs = string[];

/** `data` as pairs, or undefined when it has no key (nothing to write). */
export function customDataPairs(data: Record<string, string> | undefined): CustomDataPairs | undefined {
  if (!data) return undefined;
  const pairs: string[] = [];
  for (const name in data) pairs.push(name, data[name]);
  return pairs.length > 0 ? pairs : undefined;
}

/**
 * The hot-path write statements, prepared once on `client`. Each op that writes several statements runs the
 * one that can fail first, so a failing op leaves nothing behind inside the shared group transaction.
 */
export function executionWrites(client: Database.Database): (op: ExecutionWriteOp) => number {
  const s = {
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
      `UPDATE executions SET status = ?, started_at = coalesce(started_at, ?), finished_at = ?, error = ?,
        run_data = ?, wait_till = NULL WHERE id = ? AND ${UNFINISHED}`,
    ),
    dropCheckpoints: client.prepare('DELETE FROM execution_checkpoints WHERE execution_id = ?'),
    park: client.prepare(
      `UPDATE executions SET status = 'waiting', run_data = ?, wait_till = ? WHERE id = ? AND status = 'running'`,
    ),
    heartbeat: client.prepare(`UPDATE executions SET heartbeat_at = ? WHERE id = ? AND status = 'running'`),
    customData: client.prepare(
      `INSERT INTO execution_custom_data (execution_id, name, value) VALUES (?, ?, ?)
       ON CONFLICT (execution_id, name) DO UPDATE SET value = excluded.value`,
    ),
  };
  const storeData = (id: string, data: CustomDataPairs | undefined) => {
    if (data) for (let i = 0; i < data.length; i += 2) s.customData.run(id, data[i], data[i + 1]);
  };
  return (op) => {
    switch (op.k) {
      case 'insert':
        return s.insert.run(op.row).changes;
      case 'markRunning':
        return s.markRunning.run(op.at, op.at, op.id).changes;
      case 'checkpoint': {
        const changes = s.checkpoint.run(op.id, op.node, op.runIndex, op.task).changes;
        storeData(op.id, op.data);
        return changes;
      }
      case 'finish': {
        const changes = s.finish.run(
          op.status,
          op.startedAt,
          op.finishedAt,
          op.error,
          op.runData,
          op.id,
        ).changes;
        if (changes > 0 && op.dropCheckpoints) s.dropCheckpoints.run(op.id);
        if (changes > 0) storeData(op.id, op.data);
        return changes;
      }
      case 'park': {
        const changes = s.park.run(op.runData, op.waitTill, op.id).changes;
        if (changes > 0) {
          s.dropCheckpoints.run(op.id);
          storeData(op.id, op.data);
        }
        return changes;
      }
      case 'heartbeat': {
        let changes = 0;
        for (const id of op.ids) changes += s.heartbeat.run(op.at, id).changes;
        return changes;
      }
    }
  };
}

/** The columns an execution is created with (the insert of both dialects and the writer thread's wire format). */
export const INSERT_FIELDS = [
  'id',
  'workflowId',
  'versionId',
  'status',
  'mode',
  'createdBy',
  'createdAt',
  'input',
  'workflowJson',
  'idempotencyKey',
  'parentExecutionId',
  'retryOf',
] as const;

/**
 * Appends `op` to `out` as flat values (op code, then its fields): one array of strings and numbers per batch
 * is far cheaper to post to the writer thread than an object per write.
 */
export function encodeOp(op: ExecutionWriteOp, out: unknown[]): void {
  switch (op.k) {
    case 'insert':
      out.push(0);
      for (const f of INSERT_FIELDS) out.push(op.row[f] ?? null);
      return;
    case 'markRunning':
      out.push(1, op.id, op.at);
      return;
    case 'checkpoint':
      out.push(2, op.id, op.node, op.runIndex, op.task);
      break;
    case 'finish':
      out.push(3, op.id, op.status, op.startedAt, op.finishedAt, op.error, op.runData, op.dropCheckpoints);
      break;
    case 'park':
      out.push(4, op.id, op.runData, op.waitTill);
      break;
    case 'heartbeat':
      out.push(5, op.at, op.ids.length);
      for (const id of op.ids) out.push(id);
      return;
  }
  // checkpoint, finish, park: the number of custom data values, then them
  const data = op.data ?? [];
  out.push(data.length);
  for (const v of data) out.push(v);
}

/** The custom data pairs encoded at `flat[at]` (their count, then them) and where the next op starts. */
function decodeData(flat: any[], at: number): { data?: CustomDataPairs; next: number } {
  const n = flat[at] as number;
  return { data: n > 0 ? (flat.slice(at + 1, at + 1 + n) as string[]) : undefined, next: at + 1 + n };
}

/** The ops `encodeOp` wrote into `flat`, in order. */
export function decodeOps(flat: unknown[]): ExecutionWriteOp[] {
  const ops: ExecutionWriteOp[] = [];
  const v = flat as any[];
  let i = 0;
  while (i < v.length) {
    switch (v[i]) {
      case 0: {
        const row: Record<string, unknown> = {};
        for (let f = 0; f < INSERT_FIELDS.length; f++) row[INSERT_FIELDS[f]] = v[i + 1 + f];
        ops.push({ k: 'insert', row });
        i += 1 + INSERT_FIELDS.length;
        break;
      }
      case 1:
        ops.push({ k: 'markRunning', id: v[i + 1], at: v[i + 2] });
        i += 3;
        break;
      case 2: {
        const { data, next } = decodeData(v, i + 5);
        ops.push({ k: 'checkpoint', id: v[i + 1], node: v[i + 2], runIndex: v[i + 3], task: v[i + 4], data });
        i = next;
        break;
      }
      case 3: {
        const { data, next } = decodeData(v, i + 8);
        ops.push({
          k: 'finish',
          id: v[i + 1],
          status: v[i + 2],
          startedAt: v[i + 3],
          finishedAt: v[i + 4],
          error: v[i + 5],
          runData: v[i + 6],
          dropCheckpoints: v[i + 7],
          data,
        });
        i = next;
        break;
      }
      case 4: {
        const { data, next } = decodeData(v, i + 4);
        ops.push({ k: 'park', id: v[i + 1], runData: v[i + 2], waitTill: v[i + 3], data });
        i = next;
        break;
      }
      case 5:
        ops.push({ k: 'heartbeat', at: v[i + 1], ids: v.slice(i + 3, i + 3 + v[i + 2]) });
        i += 3 + v[i + 2];
        break;
      default:
        throw new Error(`unknown execution write op ${v[i]}`);
    }
  }
  return ops;
}
