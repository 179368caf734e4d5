import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../errors.ts';
import { clientIp } from './client-ip.ts';

/** Refuses with 429 + Retry-After when `key(c)` exceeded `limit` per `windowMs`. */
export function rateLimit(opts: {
  name: string;
  limit: number | ((c: Context<AppEnv>) => number);
  windowMs: number;
  key?: (c: Context<AppEnv>) => string;
}): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    const key = `${opts.name}:${opts.key ? opts.key(c) : clientIp(c)}`;
    const limit = typeof opts.limit === 'function' ? opts.limit(c) : opts.limit;
    const decision = await c.var.deps.rateLimiter.hit(key, limit, opts.windowMs);
    if (!decision.allowed) {
      throw new AppError('rate_limited', 'Too many requests, slow down', undefined, {
        'Retry-After': String(decision.retryAfterSec),
      });
    }
    return next();
  };
}
