import { and, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Connection } from './db.ts';
import { INSERT_FIELDS } from './executions-sqlite-ops.ts';

const UNFINISHED = ['queued', 'running', 'waiting'];

/**
 * The executions repository's statements (executions-store.ts, -writes.ts, -queries.ts), prepared once: faster,
 * and no statement objects left for the GC on the hot path (better-sqlite3 statement finalizers running during
 * isolated-vm work have crashed the process). Also the columns of an execution's summary (lists without run data
 * and input).
 */
export function executionStatements({ db, t, dialect }: Pick<Connection, 'db' | 't' | 'dialect'>) {
  const e = t.executions;
  const cp = t.executionCheckpoints;
  const summaryColumns = {
    id: e.id,
    workflowId: e.workflowId,
    versionId: e.versionId,
    status: e.status,
    mode: e.mode,
    createdAt: e.createdAt,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    error: e.error,
    waitTill: e.waitTill,
    heartbeatAt: e.heartbeatAt,
    parentExecutionId: e.parentExecutionId,
    createdBy: e.createdBy,
    retryOf: e.retryOf,
  };

  const ph = sql.placeholder;
  const checkpoint = {
    executionId: ph('executionId'),
    nodeName: ph('nodeName'),
    runIndex: ph('runIndex'),
    task: ph('task'),
  };
  const q = {
    get: db
      .select()
      .from(e)
      .where(eq(e.id, ph('id')))
      .limit(1)
      .prepare(),
    version: db
      .select({ json: t.workflowVersions.workflowJson })
      .from(t.workflowVersions)
      .where(eq(t.workflowVersions.id, ph('id')))
      .limit(1)
      .prepare(),
    markRunning: db
      .update(e)
      .set({
        status: 'running',
        startedAt: sql`coalesce(${e.startedAt}, ${ph('at')})`,
        heartbeatAt: ph('at') as never,
        waitTill: null,
      })
      .where(and(eq(e.id, ph('id')), inArray(e.status, UNFINISHED)))
      .prepare(),
    finish: db
      .update(e)
      .set({
        status: ph('status') as never,
        startedAt: sql`coalesce(${e.startedAt}, ${ph('startedAt')})`,
        finishedAt: ph('finishedAt') as never,
        error: ph('error') as never,
        runData: ph('runData') as never,
        waitTill: null,
      })
      .where(and(eq(e.id, ph('id')), inArray(e.status, UNFINISHED)))
      .prepare(),
    checkpoints: db
      .select()
      .from(cp)
      .where(eq(cp.executionId, ph('id')))
      .prepare(),
    dropCheckpoints: db
      .delete(cp)
      .where(eq(cp.executionId, ph('id')))
      .prepare(),
    saveCheckpoint:
      dialect === 'sqlite'
        ? db
            .insert(cp)
            .values(checkpoint as never)
            .onConflictDoUpdate({
              target: [cp.executionId, cp.nodeName, cp.runIndex],
              set: { task: sql`excluded.task` },
            })
            .prepare()
        : (db as any)
            .insert(cp)
            .values(checkpoint)
            .onDuplicateKeyUpdate({ set: { task: sql`values(task)` } })
            .prepare(),
    park: db
      .update(e)
      .set({ status: 'waiting', runData: ph('runData') as never, waitTill: ph('waitTill') as never })
      .where(and(eq(e.id, ph('id')), eq(e.status, 'running')))
      .prepare(),
    heartbeat: db
      .update(e)
      .set({ heartbeatAt: ph('at') as never })
      .where(and(eq(e.id, ph('id')), eq(e.status, 'running')))
      .prepare(),
    orphans: db
      .select()
      .from(e)
      .where(
        or(
          and(eq(e.status, 'running'), or(lt(e.heartbeatAt, ph('t')), sql`${e.heartbeatAt} is null`)),
          and(eq(e.status, 'queued'), lt(e.createdAt, ph('t'))),
          and(eq(e.status, 'waiting'), isNotNull(e.waitTill), lt(e.waitTill, ph('t'))),
        ),
      )
      .limit(ph('limit'))
      .prepare(),
    published: db
      .select({
        workflowId: t.workflows.id,
        ownerId: t.workflows.ownerId,
        versionId: t.workflowVersions.id,
        workflowJson: t.workflowVersions.workflowJson,
        publishedAt: t.workflowVersions.createdAt,
      })
      .from(t.workflows)
      .innerJoin(t.workflowVersions, eq(t.workflows.publishedVersionId, t.workflowVersions.id))
      .where(eq(t.workflows.archived, false))
      .prepare(),
  };
  const insertExecution = db
    .insert(e)
    .values(Object.fromEntries(INSERT_FIELDS.map((k) => [k, ph(k)])) as never)
    .prepare();
  return { summaryColumns, q, insertExecution };
}
