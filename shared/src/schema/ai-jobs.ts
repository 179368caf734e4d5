import { z } from 'zod';

/**
 * Payload of the `ai.coauthor` worker job: one co-author turn on a workflow's document (the suggest endpoint with
 * `placeInDocument`, the editor's "Ask AI", the failure watcher). Parsed where a worker takes the job.
 */
export const CoauthorJobPayload = z.object({
  workflowId: z.string().min(1).max(64),
  /** Who asked (usage is recorded for them); the failure watcher uses the workflow owner. */
  userId: z.string().min(1).max(128),
  selectedNodeId: z.string().max(64).optional(),
  outputIndex: z.number().int().min(0).max(100).optional(),
  request: z.string().max(4_000).optional(),
  failure: z
    .object({
      node: z.string().max(128),
      message: z.string().max(4_000),
      description: z.string().max(4_000).optional(),
      items: z.array(z.unknown()).max(20).optional(),
    })
    .optional(),
});
export type CoauthorJobPayload = z.infer<typeof CoauthorJobPayload>;
