/**
 * Typed AI errors with stable codes, so the api can map them to HTTP answers and the worker to retry intent.
 */
export type AiErrorCode =
  | 'ai_not_configured'
  | 'ai_rate_limited'
  | 'ai_provider_error'
  | 'ai_timeout'
  | 'ai_aborted'
  | 'ai_bad_output'
  | 'ai_budget_exceeded'
  | 'ai_bad_request'
  /** Production mode: no worker took the co-author job, or it could not finish it (collab server unreachable). */
  | 'ai_worker_unavailable';

export class AiError extends Error {
  readonly code: AiErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly details: unknown;

  constructor(
    code: AiErrorCode,
    message: string,
    opts: { retryable?: boolean; status?: number; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'AiError';
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.status = opts.status;
    this.details = opts.details;
  }
}

/** Thrown when neither a credential nor the environment provides an API key. */
export function notConfigured(): AiError {
  return new AiError(
    'ai_not_configured',
    'No AI credential is configured: add an OpenAI credential or set OPENAI_API_KEY (and optionally OPENAI_BASE_URL, AI_MODEL).',
  );
}

/** The model's answer did not have the required shape; `details` carries the validation issues. */
export function badOutput(message: string, details?: unknown): AiError {
  return new AiError('ai_bad_output', message, { details });
}
