import { CoauthorJobPayload, ExecutionMode } from '@tandem/shared/schema';
import { z } from 'zod';

/** Larger records (a big webhook body) stay out of Redis: their first delivery reads the store. */
export const MAX_CREATED_CHARS = 64 * 1024;

/** A just-created execution (worker/src/runner/store.ts ExecutionRecord, status queued) carried by its job. */
export const CreatedExecution = z.object({
  id: z.string().min(1).max(64),
  workflowId: z.string().min(1).max(64),
  versionId: z.string().min(1).max(64).nullable(),
  status: z.literal('queued'),
  mode: ExecutionMode,
  createdAt: z.number(),
  startedAt: z.null(),
  finishedAt: z.null(),
  error: z.null(),
  runData: z.null(),
  // The runner reads it as ExecutionInput, as it does the stored column: not re-validated here.
  input: z.record(z.string(), z.unknown()).nullable(),
  waitTill: z.null(),
  heartbeatAt: z.null(),
  parentExecutionId: z.string().min(1).max(64).nullable(),
});

/**
 * Job name → payload schema. Payloads are parsed at the boundary (when a worker takes a job),
 * so a foreign or corrupted job fails clearly instead of running with garbage.
 */
export const JobCatalogue = {
  'execution.run': z.object({
    executionId: z.string().min(1).max(64),
    /** false: the execution holds no per-workflow concurrency slot. Absent: it may. */
    slot: z.literal(false).optional(),
    /** The execution as stored when enqueued, as JSON text (CreatedExecution; see EnqueueOptions.created). */
    created: z.string().max(MAX_CREATED_CHARS).optional(),
  }),
  'schedule.fire': z.object({
    scheduleId: z.string().min(1).max(256),
    workflowId: z.string().min(1).max(64),
    nodeName: z.string().min(1).max(128),
  }),
  /** One AI co-author turn on a workflow's document (queue `ai`, see worker/src/ai/coauthor/job-queue.ts). */
  'ai.coauthor': CoauthorJobPayload,
} as const;

export type JobName = keyof typeof JobCatalogue;
export type JobPayload<N extends JobName> = z.infer<(typeof JobCatalogue)[N]>;

/**
 * Parses a job's payload against the catalogue.
 * @example parseJob('execution.run', { executionId: 'abc' }) // { executionId: 'abc' }
 */
export function parseJob<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const schema = JobCatalogue[name];
  if (!schema) throw new TypeError(`unknown job name ${String(name)}`);
  return schema.parse(data) as JobPayload<N>;
}
