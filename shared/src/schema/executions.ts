import { z } from 'zod';
import { CUSTOM_DATA_LIMITS, parseCustomDataFilter } from '../util/custom-data-filter.ts';
import { ListQuery } from './api.ts';
import { ExecutionMode, ExecutionStatus } from './events.ts';
import { PinData, WorkflowJson } from './workflow.ts';

/** Body of `POST /api/workflows/{id}/execute`. */
export const ExecuteBody = z
  .object({
    /** Items the trigger emits. */
    items: z
      .array(z.object({ json: z.record(z.string(), z.unknown()) }))
      .max(10_000)
      .optional(),
    /** true = answer with the result (up to 60 s); a number = wait up to that many seconds (max 300). */
    wait: z.union([z.boolean(), z.number().min(0).max(300)]).optional(),
    /** Run the draft instead of the published version (editor runs). */
    draft: z.boolean().optional(),
    startNode: z.string().max(128).optional(),
    /** Partial run: only what leads up to this node ("Run to this node"). */
    destinationNode: z.string().max(128).optional(),
    /** With destinationNode: run that node alone, its input taken from `previousExecutionId`'s run data. */
    runNodeOnly: z.boolean().optional(),
    /** A past execution of this workflow whose run data partial runs reuse instead of re-running nodes. */
    previousExecutionId: z.string().max(64).optional(),
    pinData: PinData.optional(),
  })
  .strict()
  .refine((b) => !b.runNodeOnly || b.destinationNode, {
    message: 'runNodeOnly needs destinationNode',
    path: ['runNodeOnly'],
  });
export type ExecuteBody = z.infer<typeof ExecuteBody>;

export const ExecutionError = z
  .object({ name: z.string().optional(), message: z.string(), node: z.string().optional() })
  .catchall(z.unknown());

/** An execution as the API shows it; `runData` is n8n's run-data shape, keyed by node name. */
export const ExecutionView = z.object({
  id: z.string(),
  workflowId: z.string(),
  versionId: z.string().nullable(),
  status: ExecutionStatus,
  mode: ExecutionMode,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  waitTill: z.string().nullable().optional(),
  error: ExecutionError.nullable().optional(),
  runData: z.record(z.string(), z.array(z.unknown())).nullable().optional(),
  retryOf: z.string().nullable().optional(),
  parentExecutionId: z.string().nullable().optional(),
  /** In lists (`GET /api/executions`): the workflow's name, so a row reads without a second call. */
  workflowName: z.string().optional(),
  /** In lists: whether the caller may retry, cancel and delete it (may edit and run the workflow, not archived). */
  canEdit: z.boolean().optional(),
  /** Custom data the run saved (Execution Data node), name → value; {} when none. */
  customData: z.record(z.string(), z.string()).optional(),
});
export type ExecutionView = z.infer<typeof ExecutionView>;

export { CUSTOM_DATA_LIMITS, parseCustomDataFilter };

export const ExecutionListQuery = ListQuery.extend({
  workflowId: z.string().max(64).optional(),
  status: ExecutionStatus.optional(),
  mode: ExecutionMode.optional(),
  /** ISO date-times bounding `createdAt`. */
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /**
   * Custom data filter: `name:value` = runs whose custom data has `name` set to exactly `value`; `name` alone = runs
   * that have `name`. Split at the first `:`; name 1–50 characters, value at most 255.
   */
  data: z
    .string()
    .max(CUSTOM_DATA_LIMITS.keyLength + 1 + CUSTOM_DATA_LIMITS.valueLength)
    .refine((s) => parseCustomDataFilter(s) !== null, {
      message: 'must be name:value or name (name 1–50 characters, value at most 255)',
    })
    .optional(),
}).refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
  message: 'must not be after `to`',
  path: ['from'],
});

export const RetryBody = z.object({ version: z.enum(['same', 'latest']).default('same') }).strict();

/** Body of `POST /api/executions/{id}/replay`: the draft by default, or published version `version`. */
export const ReplayBody = z
  .object({ version: z.number().int().min(1).optional(), wait: z.boolean().default(true) })
  .strict();

export const CancelResult = z.object({
  id: z.string(),
  outcome: z.enum(['canceled', 'canceling', 'already-finished']),
});

export const VersionSummary = z.object({
  id: z.string(),
  workflowId: z.string(),
  number: z.number().int(),
  authorId: z.string(),
  createdAt: z.string(),
  published: z.boolean(),
});
export const VersionDetail = VersionSummary.extend({ workflow: WorkflowJson });

export const PublishResult = z.object({
  version: VersionSummary,
  webhooks: z.array(z.object({ method: z.string(), path: z.string(), node: z.string() })),
  schedules: z.number().int(),
});
