/**
 * The choices of the executions page's filters, with their labels. The values are the api's (ExecutionStatus and
 * ExecutionMode in shared/src/schema/events.ts; execution-filters.test.ts keeps them equal) — listed here so this
 * page does not load zod.
 */
export const STATUS_CHOICES: Array<[value: string, label: string]> = [
  ['queued', 'Queued'],
  ['running', 'Running'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['canceled', 'Canceled'],
  ['waiting', 'Waiting'],
];

export const MODE_CHOICES: Array<[value: string, label: string]> = [
  ['manual', 'Editor'],
  ['api', 'API'],
  ['webhook', 'Webhook'],
  ['webhook-test', 'Test webhook'],
  ['schedule', 'Schedule'],
  ['subworkflow', 'Sub-workflow'],
  ['error', 'Error workflow'],
  ['retry', 'Retry'],
  ['replay', 'Replay'],
];

/** Statuses whose execution has ended: it can be retried or deleted, not canceled. */
export const ENDED = new Set(['succeeded', 'failed', 'canceled']);
