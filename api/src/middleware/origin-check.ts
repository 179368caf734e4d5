import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: the Origin must be this server (its Host) or PUBLIC_URL.
 * API-key requests carry no ambient credential, so they are not checked.
 */
export function originCheck(): MiddlewareHandler<AppEnv> {
  return async function originCheck(c, next) {
    if (SAFE.has(c.req.method) || c.var.authMethod === 'apiKey') return next();
    const hasCookie = (c.req.header('cookie') ?? '').includes('tandem_session=');
    if (!hasCookie) return next();
    const origin = c.req.header('origin');
    const allowed = new Set<string>();
    const host = c.req.header('host');
    if (host) {
      allowed.add(`http://${host}`);
      allowed.add(`https://${host}`);
    }
    const publicUrl = c.var.deps.config.publicUrl;
    if (publicUrl) allowed.add(new URL(publicUrl).origin);
    if (!origin || !allowed.has(origin)) {
      throw new AppError(
        'origin_mismatch',
        'Cross-origin request refused: the Origin header must match this server',
      );
    }
    return next();
  };
}
