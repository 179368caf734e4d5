import type { ExecutionMode, ExecutionStatus } from '@tandem/shared/schema';
import type { ExecutionRecord } from '@tandem/worker';
import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Connection } from './db.ts';
import { type CustomDataFilter, customDataOf, hasCustomData } from './executions-custom-data.ts';
import { parse } from './executions-rows.ts';
import type { ExecutionWriters } from './executions-writers.ts';
import { latestExecutionsOf } from './latest-executions.ts';
import { visibleTo } from './workflows-repo.ts';

export type ExecutionListQuery = {
  /** Only runs of the workflows this user may see (workflows-repo's visibleTo); undefined = all (admins). */
  visibleTo?: string;
  workflowId?: string;
  status?: ExecutionStatus;
  mode?: ExecutionMode;
  from?: number;
  to?: number;
  /** Only runs with this custom data name (and, when given, exactly this value). */
  data?: CustomDataFilter;
  limit: number;
  cursor?: { createdAt: number; id: string };
};

/** An execution without its run data, for lists. */
export type ExecutionSummaryRow = Omit<ExecutionRecord, 'runData' | 'input'> & {
  createdBy: string | null;
  retryOf: string | null;
};

/**
 * What the api reads about executions besides one record: lists (filtered, paged, visible), custom data, owners,
 * latest runs.
 * @example const page = await executionQueries(conn, executionWriters(conn)).list({ limit: 20 });
 */
export function executionQueries(
  conn: Connection,
  w: Pick<ExecutionWriters, 'summaryColumns' | 'q' | 'run'>,
) {
  const { db, t } = conn;
  const e = t.executions;
  return {
    /** Newest first, `limit` at a time; `cursor` is the last row of the page before. */
    async list(q: ExecutionListQuery): Promise<ExecutionSummaryRow[]> {
      const where: SQL[] = [];
      if (q.visibleTo !== undefined) where.push(visibleTo(conn, q.visibleTo, e.workflowId));
      if (q.workflowId) where.push(eq(e.workflowId, q.workflowId));
      if (q.status) where.push(eq(e.status, q.status));
      if (q.mode) where.push(eq(e.mode, q.mode));
      if (q.from !== undefined) where.push(gte(e.createdAt, q.from));
      if (q.to !== undefined) where.push(lte(e.createdAt, q.to));
      if (q.data) where.push(hasCustomData(conn, q.data));
      if (q.cursor) {
        where.push(
          or(
            lt(e.createdAt, q.cursor.createdAt),
            and(eq(e.createdAt, q.cursor.createdAt), lt(e.id, q.cursor.id)),
          )!,
        );
      }
      const rows = await db
        .select(w.summaryColumns)
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
    customDataOf: (ids: string[]) => customDataOf(conn, ids),
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
      return w.run(w.q.published, {});
    },
  };
}
