import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../errors.ts';

/** Writes to the REST API with a body must send JSON (415 otherwise), so a form post can never be mistaken for one. */
export function jsonOnly(): MiddlewareHandler<AppEnv> {
  return async function jsonOnly(c, next) {
    if (!['POST', 'PUT', 'PATCH'].includes(c.req.method)) return next();
    const length = c.req.header('content-length');
    const hasBody =
      (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
      throw new AppError('unsupported_media_type', 'Send the body as application/json');
    }
    return next();
  };
}
