import type { ExecutionMode, WorkflowJson } from '@tandem/shared/schema';
import type { ExecutionInput, ExecutionRecord } from '@tandem/worker';
import { and, eq, isNull } from 'drizzle-orm';
import type { Connection } from './db.ts';
import { json, parse, toRecord } from './executions-rows.ts';
import type { ExecutionWriters } from './executions-writers.ts';

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

/**
 * The api's writes of executions outside a run: create (idempotent per key), resume a parked one, delete.
 * @example const { create, resumeWithItems, remove } = executionApiWrites(conn, executionWriters(conn));
 */
export function executionApiWrites(conn: Connection, w: ExecutionWriters) {
  const { db, t, affected } = conn;
  const e = t.executions;
  const cp = t.executionCheckpoints;
  const cd = t.executionCustomData;
  const { hot, batched, run, insertExecution, created, touched } = w;
  return {
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
    /** Deletes an execution with its checkpoints and custom data; false when there was none. */
    async remove(id: string): Promise<boolean> {
      touched(id);
      await db.delete(cp).where(eq(cp.executionId, id));
      await db.delete(cd).where(eq(cd.executionId, id));
      return affected(await db.delete(e).where(eq(e.id, id))) > 0;
    },
  };
}
