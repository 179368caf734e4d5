import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, errorBody } from './errors.ts';
import type { Logger } from './logger.ts';

/**
 * What the app answers for an error thrown by a handler (status, extra headers, JSON body), and its log line.
 * Used by the app's `onError` and by the webhook fast path (routes/webhook-fast-path.ts), so both answer alike.
 */
export function errorAnswer(
  err: unknown,
  logger: Logger,
  req: { path: string; method: string },
): { status: ContentfulStatusCode; headers: Record<string, string>; body: ReturnType<typeof errorBody> } {
  if (err instanceof AppError) {
    const level = err.status >= 500 ? 'error' : 'warn';
    logger[level === 'error' ? 'error' : 'debug']({ code: err.code, path: req.path }, err.message);
    return {
      status: err.status,
      headers: err.headers ?? {},
      body: errorBody(err.code, err.message, err.details),
    };
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code =
      status === 400
        ? 'invalid_json'
        : status === 413
          ? 'payload_too_large'
          : status === 401
            ? 'unauthenticated'
            : 'bad_request';
    logger.debug({ status, path: req.path }, err.message);
    return { status, headers: {}, body: errorBody(code, err.message || 'Bad request') };
  }
  logger.error({ err, path: req.path, method: req.method }, 'unhandled error');
  return { status: 500, headers: {}, body: errorBody('internal', 'Internal server error') };
}
