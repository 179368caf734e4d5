import { CoauthorJobPayload } from '@tandem/shared/schema';
import { z } from 'zod';

/**
 * Job name → payload schema. Payloads are parsed at the boundary (when a worker takes a job),
 * so a foreign or corrupted job fails clearly instead of running with garbage.
 */
export const JobCatalogue = {
  'execution.run': z.object({ executionId: z.string().min(1).max(64) }),
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
