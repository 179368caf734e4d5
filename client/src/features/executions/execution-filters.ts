import { CUSTOM_DATA_LIMITS, parseCustomDataFilter } from '@tandem/shared/util';

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

/** How far back the list reaches: the api's `from`, recomputed at every fetch (a sliding window). */
export const SINCE_CHOICES: Array<[value: string, label: string]> = [
  ['1h', 'Last hour'],
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
];
const SINCE_MS: Record<string, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 };

/** The `from` of a `since` choice (ISO), or undefined for any time. */
export function sinceToFrom(since: string, now = Date.now()): string | undefined {
  const ms = SINCE_MS[since];
  return ms === undefined ? undefined : new Date(now - ms).toISOString();
}

/**
 * Why the custom data filter's text would be refused by the api (parseCustomDataFilter), in words for the field;
 * null when it is fine or empty (any).
 * @example customDataProblem(':42') // 'Start with a name: name:value, or a name alone'
 */
export function customDataProblem(text: string): string | null {
  if (text === '' || parseCustomDataFilter(text)) return null;
  const [name = ''] = text.split(':', 1);
  if (name === '') return 'Start with a name: name:value, or a name alone';
  if (name.length > CUSTOM_DATA_LIMITS.keyLength)
    return `A name has at most ${CUSTOM_DATA_LIMITS.keyLength} characters`;
  return `A value has at most ${CUSTOM_DATA_LIMITS.valueLength} characters`;
}

/**
 * The filter for runs that saved `name` = `value`; null when no filter can say it (a `:` in the name: the api
 * splits at the first one).
 */
export function customDataFilterFor(name: string, value: string): string | null {
  const text = `${name}:${value}`;
  return !name.includes(':') && parseCustomDataFilter(text) ? text : null;
}
