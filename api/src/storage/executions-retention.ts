import type { RetentionPolicy } from '@tandem/worker';
import { and, count, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Connection } from './db.ts';

const FINISHED = ['succeeded', 'failed', 'canceled'];
const DAY = 86_400_000;

/**
 * Deletes finished executions (with their checkpoints and custom data) outside the retention policy, 500 at a time;
 * returns how many.
 * @example await pruneExecutions(conn, { maxAgeDays: 30, keepLastPerWorkflow: 1000 }, Date.now());
 */
export async function pruneExecutions(
  conn: Connection,
  policy: RetentionPolicy,
  now: number,
): Promise<number> {
  const { db, t, affected } = conn;
  const e = t.executions;
  const cp = t.executionCheckpoints;
  const cd = t.executionCustomData;
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
        .where(and(inArray(e.status, FINISHED), lt(sql`coalesce(${e.finishedAt}, ${e.createdAt})`, cutoff)))
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
}
