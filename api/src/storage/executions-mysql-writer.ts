import { RunDataTooLargeError } from '@tandem/worker';
import type { CustomDataPairs, ExecutionWriteOp } from './executions-sqlite-ops.ts';

/** What the writer needs of a mysql2 connection opened with `multipleStatements: true`. */
export interface MultiStatementConnection {
  query(sql: string): Promise<[unknown, unknown]>;
  release(): void;
  destroy(): void;
}

export interface MysqlGroupCommitOptions {
  /** A connection of a pool opened with `multipleStatements: true`. */
  connect: () => Promise<MultiStatementConnection>;
  /**
   * Batches committing at once (each on its own connection; the pool must allow as many). A write joins a batch
   * only when no write of its execution is in a batch still committing, so each execution's writes commit in the
   * order they were issued whatever this is. Default 1.
   */
  inFlight?: number;
  /** Most writes per batch. Default 500. */
  maxOps?: number;
  /** Most SQL text per batch (MariaDB's max_allowed_packet is 16 MiB by default). Default 4 MiB. */
  maxChars?: number;
  /** The server's max_allowed_packet: a write larger than it is refused before it is sent. Default 16 MiB. */
  maxQueryBytes?: number;
}

type Pending = {
  sql: string;
  results: number;
  /** The executions it writes. */
  ids: readonly string[];
  resolve(n: number): void;
  reject(e: unknown): void;
};

function idsOf(op: ExecutionWriteOp): readonly string[] {
  if (op.k === 'insert') return [String(op.row.id)];
  if (op.k === 'heartbeat') return op.ids;
  return [op.id];
}

const UNFINISHED = `status IN ('queued', 'running', 'waiting')`;
/** InnoDB deadlock / lock wait timeout: the transaction was rolled back as a whole; running it again is safe. */
const RETRYABLE = new Set([1213, 1205]);
/** ER_NET_PACKET_TOO_LARGE, ER_WARN_ALLOWED_PACKET_OVERFLOWED: the query is more than max_allowed_packet. */
const TOO_LARGE = new Set([1153, 1301]);
/** A connection lost while sending: MariaDB may close it on an oversized packet before its error arrives. */
const LOST = new Set(['ECONNRESET', 'EPIPE', 'PROTOCOL_CONNECTION_LOST']);
/** Room in a batch's query for the transaction statements around a write. */
const TRANSACTION_ROOM = 1024;

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL and Ctrl-Z are exactly what must be escaped.
const SPECIAL = /[\0\n\r\x1a'\\]/g;
const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\x1a': '\\Z',
  "'": "\\'",
  '\\': '\\\\',
};

/**
 * A value as a MySQL literal. Strings are quoted with only the characters escaped that a single-quoted literal
 * needs (mysql2's escaper also escapes `"`, so every JSON text took its slow path): run data is mostly JSON.
 */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v !== 'string') throw new TypeError(`unexpected ${typeof v} in an execution write`);
  return `'${v.replace(SPECIAL, (c) => ESCAPES[c])}'`;
}

/**
 * The op as SQL text and the number of results it yields; its first result is the one whose affected-row count
 * the op returns. A finish or park drops the execution's checkpoints only when its update changed the row, like
 * the SQLite ops (executions-sqlite-ops.ts).
 */
function statementsOf(op: ExecutionWriteOp): { sql: string; results: number } {
  const L = literal;
  const dropIfChanged = (id: string) =>
    `;\nSET @c = ROW_COUNT();\nDELETE FROM execution_checkpoints WHERE @c > 0 AND execution_id = ${L(id)}`;
  /** Upserts the custom data (one statement, one result); `ifChanged`: only when @c (the update's count) > 0. */
  const storeData = (id: string, data: CustomDataPairs, ifChanged: boolean) => {
    const rows: string[] = [];
    for (let i = 0; i < data.length; i += 2)
      rows.push(`SELECT ${L(id)} AS i, ${L(data[i])} AS n, ${L(data[i + 1])} AS v`);
    return `;\nINSERT INTO execution_custom_data (execution_id, name, value) SELECT * FROM (${rows.join(' UNION ALL ')}) d
      ${ifChanged ? 'WHERE @c > 0 ' : ''}ON DUPLICATE KEY UPDATE value = VALUES(value)`;
  };
  switch (op.k) {
    case 'insert': {
      const r = op.row;
      const values = [
        r.id,
        r.workflowId,
        r.versionId,
        r.status,
        r.mode,
        r.createdBy,
        r.createdAt,
        r.input,
        r.workflowJson,
        r.idempotencyKey,
        r.parentExecutionId,
        r.retryOf,
      ].map(L);
      return {
        sql: `INSERT INTO executions (id, workflow_id, version_id, status, mode, created_by, created_at, input,
          workflow_json, idempotency_key, parent_execution_id, retry_of) VALUES (${values.join(', ')})`,
        results: 1,
      };
    }
    case 'markRunning':
      return {
        sql: `UPDATE executions SET status = 'running', started_at = coalesce(started_at, ${L(op.at)}),
          heartbeat_at = ${L(op.at)}, wait_till = NULL WHERE id = ${L(op.id)} AND ${UNFINISHED}`,
        results: 1,
      };
    case 'checkpoint': {
      const sql = `INSERT INTO execution_checkpoints (execution_id, node_name, run_index, task)
          VALUES (${L(op.id)}, ${L(op.node)}, ${L(op.runIndex)}, ${L(op.task)}) ON DUPLICATE KEY UPDATE task = VALUES(task)`;
      return op.data ? { sql: sql + storeData(op.id, op.data, false), results: 2 } : { sql, results: 1 };
    }
    case 'finish': {
      const start = op.startedAt === null ? '' : `started_at = coalesce(started_at, ${L(op.startedAt)}), `;
      const update = `UPDATE executions SET status = ${L(op.status)}, ${start}finished_at = ${L(op.finishedAt)},
        error = ${L(op.error)}, run_data = ${L(op.runData)}, wait_till = NULL WHERE id = ${L(op.id)} AND ${UNFINISHED}`;
      if (!op.data)
        return op.dropCheckpoints
          ? { sql: update + dropIfChanged(op.id), results: 3 }
          : { sql: update, results: 1 };
      // The custom data, like the checkpoints' removal, only when the final state was written.
      const sql = op.dropCheckpoints ? update + dropIfChanged(op.id) : `${update};\nSET @c = ROW_COUNT()`;
      return { sql: sql + storeData(op.id, op.data, true), results: op.dropCheckpoints ? 4 : 3 };
    }
    case 'park': {
      const sql = `UPDATE executions SET status = 'waiting', run_data = ${L(op.runData)}, wait_till = ${L(op.waitTill)}
          WHERE id = ${L(op.id)} AND status = 'running'${dropIfChanged(op.id)}`;
      return op.data ? { sql: sql + storeData(op.id, op.data, true), results: 4 } : { sql, results: 3 };
    }
    case 'heartbeat':
      if (op.ids.length === 0) return { sql: 'DO 0', results: 1 };
      return {
        sql: `UPDATE executions SET heartbeat_at = ${L(op.at)} WHERE id IN (${op.ids.map(L).join(', ')})
          AND status = 'running'`,
        results: 1,
      };
  }
}

/**
 * Group commit for the execution hot path on MySQL/MariaDB: every write waiting when a connection is free goes
 * in one transaction, sent as one multi-statement query (one round trip, one redo-log flush for all of them).
 * A write's promise resolves only after its transaction committed, so "acknowledged" still means "stored".
 * Writes that wait meanwhile form the next batch. With `inFlight` > 1 the next batch may commit while earlier ones
 * do, but takes no write of an execution that has one in a batch still committing: that write, and the later ones
 * of its execution, wait for the next batch after it. So an execution's writes commit in the order they were
 * issued (`inOrder`); writes of different executions need no order.
 *
 * A batch that fails is rolled back as a whole (nothing of it is stored), run again once on a deadlock, and
 * otherwise each of its writes runs again in a transaction of its own: one bad write (a duplicate idempotency
 * key) is rejected alone, and no write is lost or stored twice.
 */
export function mysqlGroupCommit(o: MysqlGroupCommitOptions) {
  const inFlight = o.inFlight ?? 1;
  const maxOps = o.maxOps ?? 500;
  const maxChars = o.maxChars ?? 4 * 1024 * 1024;
  const maxBytes = (o.maxQueryBytes ?? 16 * 1024 * 1024) - TRANSACTION_ROOM;
  /** Bytes of a write too large to send, else 0 (a UTF-8 character takes at most 3 bytes per UTF-16 unit). */
  const oversize = (sql: string) => {
    if (sql.length * 3 <= maxBytes) return 0;
    const bytes = Buffer.byteLength(sql);
    return bytes > maxBytes ? bytes : 0;
  };
  let queue: Pending[] = [];
  let running = 0;
  let scheduled = false;

  /** Executions with a write in a batch still committing (including its replay). */
  const busy = new Set<string>();

  /** The oldest waiting writes whose executions are not busy, in issue order; the ones left keep their order. */
  const take = (): Pending[] => {
    const batch: Pending[] = [];
    const left: Pending[] = [];
    // Executions with a write left behind in this pass: their later writes stay behind it.
    const held = new Set<string>();
    let chars = 0;
    let i = 0;
    for (; i < queue.length && batch.length < maxOps; i++) {
      const p = queue[i];
      if (p.ids.some((id) => busy.has(id) || held.has(id))) {
        for (const id of p.ids) held.add(id);
        left.push(p);
        continue;
      }
      if (batch.length > 0 && chars + p.sql.length > maxChars) break;
      chars += p.sql.length;
      batch.push(p);
    }
    queue = i === queue.length ? left : left.concat(queue.slice(i));
    for (const p of batch) for (const id of p.ids) busy.add(id);
    return batch;
  };

  async function commit(batch: Pending[]): Promise<number[]> {
    const parts = ['SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'START TRANSACTION'];
    const at: number[] = [];
    let index = parts.length;
    for (const p of batch) {
      at.push(index);
      parts.push(p.sql);
      index += p.results;
    }
    parts.push('COMMIT');
    const conn = await o.connect();
    try {
      const [results] = (await conn.query(parts.join(';\n'))) as [Array<{ affectedRows?: number }>, unknown];
      conn.release();
      return at.map((i) => results[i]?.affectedRows ?? 0);
    } catch (err) {
      // The rest of the statements did not run; roll back what did (a lost connection rolls back by itself). As with
      // any single statement, a connection lost during COMMIT leaves unknown whether it committed: the writes are
      // then run again alone; the conditional ones change nothing the second time, an insert fails as a duplicate.
      await conn.query('ROLLBACK').then(
        () => conn.release(),
        () => conn.destroy(),
      );
      throw err;
    }
  }

  /** Whether the server refused a write of `bytes` for its size: its error says so, or it hung up on more than it takes. */
  async function refusedForSize(err: unknown, bytes: number): Promise<boolean> {
    const e = err as { errno?: number; code?: string };
    if (TOO_LARGE.has(e.errno ?? 0)) return true;
    if (!LOST.has(e.code ?? '')) return false;
    try {
      const conn = await o.connect();
      try {
        const [rows] = (await conn.query('SELECT @@max_allowed_packet AS packet')) as [
          Array<{ packet: unknown }>,
          unknown,
        ];
        return bytes > Number(rows[0]?.packet);
      } finally {
        conn.release();
      }
    } catch {
      return false;
    }
  }

  async function run(batch: Pending[]): Promise<void> {
    try {
      let counts: number[];
      try {
        counts = await commit(batch);
      } catch (err) {
        if (!RETRYABLE.has((err as { errno?: number }).errno ?? 0)) throw err;
        counts = await commit(batch);
      }
      for (let i = 0; i < batch.length; i++) batch[i].resolve(counts[i]);
    } catch (err) {
      if (batch.length === 1) {
        const bytes = Buffer.byteLength(batch[0].sql);
        const tooLarge = await refusedForSize(err, bytes);
        batch[0].reject(tooLarge ? new RunDataTooLargeError(bytes, maxBytes) : err);
        return;
      }
      // Nothing of the batch is stored: each write on its own, so only a write that fails by itself fails. One after
      // the other, in the order they were issued (`inOrder`); their executions stay busy until the last.
      for (const p of batch) await run([p]);
    }
  }

  function pump(): void {
    scheduled = false;
    while (running < inFlight && queue.length > 0) {
      const batch = take();
      if (batch.length === 0) return; // all wait for a batch in flight, which pumps when done
      running++;
      void run(batch).finally(() => {
        for (const p of batch) for (const id of p.ids) busy.delete(id);
        running--;
        pump();
      });
    }
  }

  return {
    /** Stores `op` with the other writes waiting; resolves with the rows its main statement changed. */
    write(op: ExecutionWriteOp): Promise<number> {
      return new Promise<number>((resolve, reject) => {
        let text: { sql: string; results: number };
        try {
          text = statementsOf(op);
        } catch (err) {
          reject(err);
          return;
        }
        // The server would refuse it and drop the connection, failing the batch it went with.
        const bytes = oversize(text.sql);
        if (bytes > 0) {
          reject(new RunDataTooLargeError(bytes, maxBytes));
          return;
        }
        queue.push({ ...text, ids: idsOf(op), resolve, reject });
        // The writes of this event-loop turn go together.
        if (!scheduled && running < inFlight) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
    /**
     * A write commits in the transaction of the writes of its execution issued before it or in a later one, never
     * before them: batches take an execution's writes in order, and a failed one is replayed in order before its
     * executions are free for the next batch.
     */
    inOrder: true,
    /** Writes not yet handed to a transaction. */
    get pending(): number {
      return queue.length;
    },
  };
}

export type MysqlGroupCommit = ReturnType<typeof mysqlGroupCommit>;
