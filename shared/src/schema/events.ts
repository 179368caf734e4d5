import { z } from 'zod';

/**
 * Live execution events: published by workers, fanned out to everyone viewing the workflow
 * (canvas overlay) and to whoever waits for one execution (webhook responses, `wait` API runs).
 */

export const ExecutionStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'canceled', 'waiting']);
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

/** What started an execution. */
export const ExecutionMode = z.enum([
  'manual',
  'api',
  'webhook',
  'webhook-test',
  'schedule',
  'subworkflow',
  'error',
  'retry',
  'replay',
]);
export type ExecutionMode = z.infer<typeof ExecutionMode>;

export const ErrorSummary = z.object({
  message: z.string().max(2000),
  name: z.string().max(200).optional(),
  node: z.string().max(128).optional(),
});
export type ErrorSummary = z.infer<typeof ErrorSummary>;

const base = {
  executionId: z.string().min(1).max(64),
  workflowId: z.string().min(1).max(64),
  /** Epoch ms when the worker emitted the event. */
  at: z.number(),
};

export const ExecutionStartedEvent = z.object({
  type: z.literal('execution.started'),
  ...base,
  mode: ExecutionMode,
  versionId: z.string().nullable(),
});
export type ExecutionStartedEvent = z.infer<typeof ExecutionStartedEvent>;

export const NodeStartedEvent = z.object({
  type: z.literal('node.started'),
  ...base,
  nodeName: z.string(),
  runIndex: z.number().int().min(0),
});
export type NodeStartedEvent = z.infer<typeof NodeStartedEvent>;

export const NodeFinishedEvent = z.object({
  type: z.literal('node.finished'),
  ...base,
  nodeName: z.string(),
  runIndex: z.number().int().min(0),
  status: z.enum(['success', 'error', 'canceled']),
  itemsIn: z.number().int().min(0),
  itemsOut: z.number().int().min(0),
  durationMs: z.number().min(0),
  error: ErrorSummary.optional(),
});
export type NodeFinishedEvent = z.infer<typeof NodeFinishedEvent>;

export const ExecutionFinishedEvent = z.object({
  type: z.literal('execution.finished'),
  ...base,
  status: ExecutionStatus,
  durationMs: z.number().min(0),
  error: ErrorSummary.optional(),
});
export type ExecutionFinishedEvent = z.infer<typeof ExecutionFinishedEvent>;

export const ExecutionEvent = z.discriminatedUnion('type', [
  ExecutionStartedEvent,
  NodeStartedEvent,
  NodeFinishedEvent,
  ExecutionFinishedEvent,
]);
export type ExecutionEvent = z.infer<typeof ExecutionEvent>;

/** The HTTP answer for a webhook call, sent to the api instance holding the request (execution channel only). */
export const WebhookResponseMessage = z.object({
  type: z.literal('webhook.response'),
  executionId: z.string().min(1).max(64),
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown(),
});
export type WebhookResponseMessage = z.infer<typeof WebhookResponseMessage>;

/** Messages on one execution's channel: its events plus a possible webhook response. */
export const ExecutionChannelMessage = z.discriminatedUnion('type', [
  ExecutionStartedEvent,
  NodeStartedEvent,
  NodeFinishedEvent,
  ExecutionFinishedEvent,
  WebhookResponseMessage,
]);
export type ExecutionChannelMessage = z.infer<typeof ExecutionChannelMessage>;

/** Commands to all workers. */
export const ControlMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('execution.cancel'), executionId: z.string().min(1).max(64) }),
]);
export type ControlMessage = z.infer<typeof ControlMessage>;
