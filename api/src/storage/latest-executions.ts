import type { ExecutionStatus } from '@tandem/shared/schema';
import { and, eq, inArray, max } from 'drizzle-orm';
import type { Connection } from './db.ts';

export type LatestExecution = { id: string; status: ExecutionStatus; startedAt: number | null };

/**
 * The most recent execution (by creation time, any mode) of each of `workflowIds`, in one query; workflows without
 * runs are left out. The newest creation time per workflow is read from executions_workflow_idx (workflow_id,
 * created_at) alone, without touching the rows, and the winners are then fetched through the same index (checked
 * with EXPLAIN on SQLite and MariaDB). Runs created in the same millisecond: the largest id wins, as the executions
 * list orders them.
 */
export async function latestExecutionsOf(
  { db, t }: Pick<Connection, 'db' | 't'>,
  workflowIds: string[],
): Promise<Map<string, LatestExecution>> {
  if (workflowIds.length === 0) return new Map();
  const e = t.executions;
  const newest = db
    .select({ workflowId: e.workflowId, createdAt: max(e.createdAt).as('newest_at') })
    .from(e)
    .where(inArray(e.workflowId, workflowIds))
    .groupBy(e.workflowId)
    .as('newest');
  const rows = await db
    .select({ workflowId: e.workflowId, id: e.id, status: e.status, startedAt: e.startedAt })
    .from(e)
    .innerJoin(newest, and(eq(e.workflowId, newest.workflowId), eq(e.createdAt, newest.createdAt)));
  const latest = new Map<string, LatestExecution>();
  for (const r of rows) {
    const seen = latest.get(r.workflowId);
    if (!seen || r.id > seen.id)
      latest.set(r.workflowId, { id: r.id, status: r.status as ExecutionStatus, startedAt: r.startedAt });
  }
  return latest;
}
