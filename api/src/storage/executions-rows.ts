import type { ExecutionMode, ExecutionStatus } from '@tandem/shared/schema';
import type { ExecutionRecord } from '@tandem/worker';
import type { Connection } from './db.ts';

export type ExecutionRowOf = Connection['t']['executions']['$inferSelect'];

/** An execution as the api sees it: the runner's record plus who started it and what it retries. */
export type ExecutionRecordWithOrigin = ExecutionRecord & {
  createdBy: string | null;
  retryOf: string | null;
};

export const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
export const parse = <T>(v: string | null | undefined): T | null => (v ? (JSON.parse(v) as T) : null);

/**
 * An `executions` row as a record (its JSON columns parsed).
 * @example const record = toRecord(row); // record.runData is RunData | null
 */
export function toRecord(r: ExecutionRowOf): ExecutionRecordWithOrigin {
  return {
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
  };
}
