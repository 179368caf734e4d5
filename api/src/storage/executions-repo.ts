import type { RunData, TaskData } from '@tandem/shared/engine';
import type { ExecutionMode, ExecutionStatus, WorkflowJson } from '@tandem/shared/schema';
import type {
  CustomData,
  ExecutionInput,
  ExecutionRecord,
  ExecutionStore,
  FinalState,
  RetentionPolicy,
  RunDataLimit,
} from '@tandem/worker';
import {
  and,
  count,
  desc,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Connection } from './db.ts';
import { mysqlGroupCommit } from './executions-mysql-writer.ts';
import { executionsSqlite } from './executions-sqlite.ts';
import { customDataPairs } from './executions-sqlite-ops.ts';
import { executionStatements } from './executions-statements.ts';
import { latestExecutionsOf } from './latest-executions.ts';
import { runDataJsonWriter } from './run-data-json.ts';
import { visibleTo } from './workflows-repo.ts';

const FINISHED = ['succeeded', 'failed', 'canceled'];
const DAY = 86_400_000;

/** Default of the most run data an execution stores (EXECUTIONS_MAX_RUN_DATA_MB). */
export const MAX_RUN_DATA_CHARS = 15 * 1024 * 1024;
/** Room in a MySQL query for the statement around a run data literal. */
const STATEMENT_ROOM = 64 * 1024;

export type ExecutionsOptions = {
  /** Most characters of one execution's run data as JSON (default MAX_RUN_DATA_CHARS); MySQL: less if its packet is. */
  maxRunDataChars?: number;
};

export type NewExecution = {
  id: string;
  workflowId: string;
  versionId: string | null;
  mode: ExecutionMode;
  createdBy: string | null;
  input: ExecutionInput | null;
  /** `input` as JSON when the caller has it already. */
  inputJson?: string;
  /** Draft snapshot for editor runs (versionId null). */
  workflowJson?: WorkflowJson | null;
  idempotencyKey?: string | null;
  parentExecutionId?: string | null;
  retryOf?: string | null;
  createdAt?: number;
};

export type ExecutionListQuery = {
  /** Only runs of the workflows this user may see (workflows-repo's visibleTo); undefined = all (admins). */
  visibleTo?: string;
  workflowId?: string;
  status?: ExecutionStatus;
  mode?: ExecutionMode;
  from?: number;
  to?: number;
  /** Only runs with this custom data name (and, when given, exactly this value). */
  data?: { name: string; value?: string };
  limit: number;
  cursor?: { createdAt: number; id: string };
};

/** An execution without its run data, for lists. */
export type ExecutionSummaryRow = Omit<ExecutionRecord, 'runData' | 'input'> & {
  createdBy: string | null;
  retryOf: string | null;
};

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const parse = <T>(v: string | null | undefined): T | null => (v ? (JSON.parse(v) as T) : null);

/**
 * Executions on SQL (SQLite or MySQL): the runner's `ExecutionStore` plus what the api needs (create with an
 * idempotency key, list, delete). The final state is written by one conditional update, so exactly one writer wins.
 */
export function executionsRepo(conn: Connection, options: ExecutionsOptions = {}) {
  const { db, t, dialect, affected, multiStatement, maxPacketBytes } = conn;
  const e = t.executions;
  const cp = t.executionCheckpoints;
  const cd = t.executionCustomData;
  const toRecord = (
    r: typeof e.$inferSelect,
  ): ExecutionRecord & { createdBy: string | null; retryOf: string | null } => ({
    id: r.id,
    workflowId: r.workflowId,
    versionId: r.versionId,
    status: r.status as ExecutionStatus,
    mode: r.mode as ExecutionMode,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    error: parse(r.error),
    runData: parse(r.runData),
    input: parse(r.input),
    waitTill: r.waitTill,
    heartbeatAt: r.heartbeatAt,
    parentExecutionId: r.parentExecutionId,
    createdBy: r.createdBy,
    retryOf: r.retryOf,
  });
  const { summaryColumns, q, insertExecution } = executionStatements({ db, t, dialect });
  const run = (stmt: { execute(v?: Record<string, unknown>): unknown }, values: Record<string, unknown>) =>
    Promise.resolve(stmt.execute(values)) as Promise<any>;
  /** Versions are immutable: parse each once (bounded, oldest dropped first). */
  const versionCache = new Map<string, WorkflowJson>();

  // SQLite: hand-written statements and group commit on the hot path (executions-sqlite.ts).
  const hot = dialect === 'sqlite' ? executionsSqlite((db as any).$client) : undefined;
  // MySQL: the same writes, group-committed over a multi-statement connection (executions-mysql-writer.ts). Two
  // batches in flight (db.ts' pool has two connections): a write need not wait for an unrelated batch's commit.
  const batched = multiStatement
    ? mysqlGroupCommit({ connect: multiStatement, inFlight: 2, maxQueryBytes: maxPacketBytes })
    : undefined;
  const texts = runDataJsonWriter();
  // Checked by the runner before it writes; a statement that still exceeds the packet is refused by the writer.
  const runDataLimit: RunDataLimit = {
    maxChars: Math.min(
      options.maxRunDataChars ?? MAX_RUN_DATA_CHARS,
      maxPacketBytes ? maxPacketBytes - STATEMENT_ROOM : Number.POSITIVE_INFINITY,
    ),
    sizeOf: (task) => texts.task(task).length,
  };
  // SQLite (one process): executions created here and not written since, handed once to this process's runner
  // so it need not read back and parse the row it just wrote. Bounded: an api-only process never claims them.
  const created = new Map<string, ExecutionRecord>();
  const touched = (id: string) => {
    if (created.size > 0) created.delete(id);
  };
  /** Custom data upsert on the drizzle path (the hot paths write it in their ops). */
  const storeData = async (id: string, data: CustomData | undefined) => {
    const rows = Object.entries(data ?? {}).map(([name, value]) => ({ executionId: id, name, value }));
    if (rows.length === 0) return;
    await (dialect === 'sqlite'
      ? (db as any)
          .insert(cd)
          .values(rows)
          .onConflictDoUpdate({ target: [cd.executionId, cd.name], set: { value: sql`excluded.value` } })
      : (db as any)
          .insert(cd)
          .values(rows)
          .onDuplicateKeyUpdate({ set: { value: sql`values(value)` } }));
  };
  /** The custom data of these executions, one query. */
  const customDataOf = async (ids: string[]): Promise<Map<string, CustomData>> => {
    const out = new Map<string, CustomData>();
    if (ids.length === 0) return out;
    const rows = await db.select().from(cd).where(inArray(cd.executionId, ids));
    for (const r of rows) {
      let data = out.get(r.executionId);
      if (!data) out.set(r.executionId, (data = {}));
      data[r.name] = r.value;
    }
    return out;
  };

  const store: ExecutionStore = {
    writesInOrder: batched?.inOrder ?? false,
    runDataLimit,
    async get(id) {
      if (hot) {
        const row = hot.get(id);
        return row ? toRecord(row as typeof e.$inferSelect) : null;
      }
      const [r] = (await run(q.get, { id })) as (typeof e.$inferSelect)[];
      return r ? toRecord(r) : null;
    },
    async loadWorkflow(record) {
      if (record.versionId) {
        const cached = versionCache.get(record.versionId);
        if (cached) return cached;
        const [v] = (await run(q.version, { id: record.versionId })) as { json: string }[];
        const wf = parse<WorkflowJson>(v?.json);
        if (wf) {
          if (versionCache.size >= 200) versionCache.delete(versionCache.keys().next().value!);
          versionCache.set(record.versionId, wf);
        }
        return wf;
      }
      const [r] = (await run(q.get, { id: record.id })) as (typeof e.$inferSelect)[];
      return parse<WorkflowJson>(r?.workflowJson);
    },
    claimCreated(id) {
      const record = created.get(id);
      if (!record) return null;
      created.delete(id);
      return record;
    },
    async markRunning(id, at) {
      touched(id);
      if (hot) return (await hot.markRunning(id, at)) > 0;
      if (batched) return (await batched.write({ k: 'markRunning', id, at })) > 0;
      return affected(await run(q.markRunning, { id, at })) > 0;
    },
    async saveCheckpoint(id, nodeName, runIndex, task, customData) {
      touched(id);
      const data = customDataPairs(customData);
      if (hot) {
        await hot.saveCheckpoint(id, nodeName, runIndex, texts.task(task), data);
        return;
      }
      if (batched) {
        await batched.write({ k: 'checkpoint', id, node: nodeName, runIndex, task: texts.task(task), data });
        return;
      }
      await run(q.saveCheckpoint, { executionId: id, nodeName, runIndex, task: texts.task(task) });
      await storeData(id, customData);
    },
    async loadCustomData(id) {
      return (await customDataOf([id])).get(id) ?? {};
    },
    async loadCheckpoints(id) {
      const [r] = (await run(q.get, { id })) as (typeof e.$inferSelect)[];
      const out: RunData = parse<RunData>(r?.runData) ?? {};
      const rows = (await run(q.checkpoints, { id })) as (typeof cp.$inferSelect)[];
      for (const c of rows) (out[c.nodeName] ??= [])[c.runIndex] = JSON.parse(c.task) as TaskData;
      return out;
    },
    async park(id, runData, waitTill, customData) {
      touched(id);
      const data = customDataPairs(customData);
      if (hot) return (await hot.park(id, texts.runData(runData), waitTill, data)) > 0;
      if (batched)
        return (await batched.write({ k: 'park', id, runData: texts.runData(runData), waitTill, data })) > 0;
      const res = await run(q.park, { id, runData: texts.runData(runData), waitTill });
      if (affected(res) === 0) return false;
      await run(q.dropCheckpoints, { id });
      await storeData(id, customData);
      return true;
    },
    async finish(id, state: FinalState) {
      touched(id);
      const values = {
        status: state.status,
        startedAt: state.startedAt ?? null,
        finishedAt: state.finishedAt,
        error: json(state.error ?? null),
        runData: texts.runData(state.runData),
      };
      const dropCheckpoints = state.checkpointed !== false;
      const data = customDataPairs(state.customData);
      if (hot) return (await hot.finish(id, { ...values, data }, dropCheckpoints)) > 0;
      if (batched) return (await batched.write({ k: 'finish', id, ...values, dropCheckpoints, data })) > 0;
      if (affected(await run(q.finish, { id, ...values })) === 0) return false;
      if (dropCheckpoints) await run(q.dropCheckpoints, { id });
      await storeData(id, state.customData);
      return true;
    },
    async heartbeat(ids, at) {
      if (hot) return hot.heartbeat(ids, at);
      if (batched) {
        if (ids.length > 0) await batched.write({ k: 'heartbeat', ids, at });
        return;
      }
      for (const id of ids) await run(q.heartbeat, { id, at });
    },
    async findOrphans(staleBefore, limit) {
      const rows = (await run(q.orphans, { t: staleBefore, limit })) as (typeof e.$inferSelect)[];
      return rows.map(toRecord);
    },
    async prune(policy: RetentionPolicy, now) {
      let removed = 0;
      const drop = async (ids: string[]) => {
        if (ids.length === 0) return;
        await db.delete(cp).where(inArray(cp.executionId, ids));
        await db.delete(cd).where(inArray(cd.executionId, ids));
        removed += affected(await db.delete(e).where(inArray(e.id, ids)));
      };
      if (policy.maxAgeDays !== undefined) {
        const cutoff = now - policy.maxAgeDays * DAY;
        for (;;) {
          const old = await db
            .select({ id: e.id })
            .from(e)
            .where(
              and(inArray(e.status, FINISHED), lt(sql`coalesce(${e.finishedAt}, ${e.createdAt})`, cutoff)),
            )
            .limit(500);
          await drop(old.map((r) => r.id));
          if (old.length < 500) break;
        }
      }
      const keep = policy.keepLastPerWorkflow;
      if (keep !== undefined) {
        const crowded = await db
          .select({ workflowId: e.workflowId })
          .from(e)
          .where(inArray(e.status, FINISHED))
          .groupBy(e.workflowId)
          .having(gt(count(), keep));
        for (const { workflowId } of crowded) {
          for (;;) {
            const extra = await db
              .select({ id: e.id })
              .from(e)
              .where(and(eq(e.workflowId, workflowId), inArray(e.status, FINISHED)))
              .orderBy(desc(e.createdAt), desc(e.id))
              .limit(500)
              .offset(keep);
            await drop(extra.map((r) => r.id));
            if (extra.length < 500) break;
          }
        }
      }
      return removed;
    },
  };

  return {
    ...store,
    store,
    /**
     * Inserts a queued execution. With an idempotency key already used for this workflow, returns that execution
     * instead (`created: false`).
     */
    async create(n: NewExecution): Promise<{ record: ExecutionRecord; created: boolean }> {
      const row = {
        id: n.id,
        workflowId: n.workflowId,
        versionId: n.versionId,
        status: 'queued',
        mode: n.mode,
        createdBy: n.createdBy,
        createdAt: n.createdAt ?? Date.now(),
        input: n.inputJson ?? json(n.input),
        workflowJson: n.versionId ? null : json(n.workflowJson ?? null),
        idempotencyKey: n.idempotencyKey ?? null,
        parentExecutionId: n.parentExecutionId ?? null,
        retryOf: n.retryOf ?? null,
      };
      try {
        if (hot) await hot.insert(row);
        else if (batched) await batched.write({ k: 'insert', row });
        else await run(insertExecution, row);
      } catch (err) {
        if (!n.idempotencyKey) throw err;
        const [existing] = await db
          .select()
          .from(e)
          .where(and(eq(e.workflowId, n.workflowId), eq(e.idempotencyKey, n.idempotencyKey)))
          .limit(1);
        if (!existing) throw err;
        return { record: toRecord(existing), created: false };
      }
      const record: ExecutionRecord = {
        ...row,
        status: 'queued',
        mode: n.mode,
        startedAt: null,
        finishedAt: null,
        error: null,
        runData: null,
        input: n.input,
        waitTill: null,
        heartbeatAt: null,
      };
      if (hot) {
        created.set(record.id, record);
        if (created.size > 10_000) created.delete(created.keys().next().value!);
      }
      return { record, created: true };
    },
    async list(q: ExecutionListQuery): Promise<ExecutionSummaryRow[]> {
      const where: SQL[] = [];
      if (q.visibleTo !== undefined) where.push(visibleTo(conn, q.visibleTo, e.workflowId));
      if (q.workflowId) where.push(eq(e.workflowId, q.workflowId));
      if (q.status) where.push(eq(e.status, q.status));
      if (q.mode) where.push(eq(e.mode, q.mode));
      if (q.from !== undefined) where.push(gte(e.createdAt, q.from));
      if (q.to !== undefined) where.push(lte(e.createdAt, q.to));
      if (q.data) {
        const match = [eq(cd.executionId, e.id), eq(cd.name, q.data.name)];
        if (q.data.value !== undefined) match.push(eq(cd.value, q.data.value));
        where.push(
          exists(
            db
              .select({ one: sql`1` })
              .from(cd)
              .where(and(...match)),
          ),
        );
      }
      if (q.cursor) {
        where.push(
          or(
            lt(e.createdAt, q.cursor.createdAt),
            and(eq(e.createdAt, q.cursor.createdAt), lt(e.id, q.cursor.id)),
          )!,
        );
      }
      const rows = await db
        .select(summaryColumns)
        .from(e)
        .where(and(...where))
        .orderBy(desc(e.createdAt), desc(e.id))
        .limit(q.limit);
      return rows.map((r) => ({
        ...r,
        status: r.status as ExecutionStatus,
        mode: r.mode as ExecutionMode,
        error: parse(r.error),
      }));
    },
    /** The custom data of these executions (one query): for the list's rows and an execution's detail. */
    customDataOf,
    /** The workflow an execution belongs to, without reading its run data; null when there is no such execution. */
    async workflowOf(id: string): Promise<string | null> {
      const [row] = await db.select({ workflowId: e.workflowId }).from(e).where(eq(e.id, id)).limit(1);
      return row?.workflowId ?? null;
    },
    /** The most recent run of each of these workflows, in one query (latest-executions.ts). */
    latestOf: (workflowIds: string[]) => latestExecutionsOf(conn, workflowIds),
    /** Published versions of non-archived workflows (webhook routing, schedule recovery). */
    async publishedWorkflows(): Promise<
      { workflowId: string; ownerId: string; versionId: string; workflowJson: string; publishedAt: number }[]
    > {
      return run(q.published, {});
    },
    /**
     * Hands the items of a resume-webhook call to an execution parked by a Wait node (waiting with no resume time).
     * False when it is not waiting for a webhook (finished, timed wait, unknown, or already resumed).
     */
    async resumeWithItems(id: string, items: unknown[]): Promise<boolean> {
      touched(id);
      const [row] = await db
        .select({ input: e.input })
        .from(e)
        .where(and(eq(e.id, id), eq(e.status, 'waiting')))
        .limit(1);
      if (!row) return false;
      const input = { ...(parse<Record<string, unknown>>(row.input) ?? {}), resumeItems: items };
      const res = await db
        .update(e)
        .set({ input: JSON.stringify(input), waitTill: Date.now() })
        .where(and(eq(e.id, id), eq(e.status, 'waiting'), isNull(e.waitTill)));
      return affected(res) > 0;
    },
    async remove(id: string): Promise<boolean> {
      touched(id);
      await db.delete(cp).where(eq(cp.executionId, id));
      await db.delete(cd).where(eq(cd.executionId, id));
      return affected(await db.delete(e).where(eq(e.id, id))) > 0;
    },
  };
}
export type ExecutionsRepo = ReturnType<typeof executionsRepo>;
