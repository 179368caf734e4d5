/**
 * Typed retry intent. A handler throws `NonRetriableError` when running the execution again
 * cannot help (bad workflow, missing version); the BullMQ queue maps it to `UnrecoverableError`.
 */
export class NonRetriableError extends Error {
  override readonly name = 'NonRetriableError';
  readonly retriable = false;
}

/**
 * True for errors that must not be retried: `NonRetriableError` from this module or any error
 * (e.g. the engine's own class) named `NonRetriableError` or carrying `retriable: false`.
 * @example isNonRetriable(new NonRetriableError('no version')) // true
 */
export function isNonRetriable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: unknown; retriable?: unknown };
  return e.name === 'NonRetriableError' || e.retriable === false;
}
