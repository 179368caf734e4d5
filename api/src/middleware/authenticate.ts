import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashApiKey, looksLikeApiKey } from '../auth/api-keys.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../errors.ts';

export const SESSION_COOKIE = 'tandem_session';

export function setSessionCookie(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  token: string,
  expiresAt: number,
) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: Boolean(c.var.deps.config.tls) || c.var.deps.config.publicUrl?.startsWith('https:'),
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Parameters<MiddlewareHandler<AppEnv>>[0]) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/**
 * Works out who is calling: an API key (`Authorization: Bearer tdm_…`) or a session cookie. Sets `user` (or null).
 * A presented but invalid credential is an error, not an anonymous request.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const deps: AppDeps = c.var.deps;
    c.set('user', null);
    c.set('sessionId', null);
    c.set('authMethod', null);
    c.set('apiKeyId', null);
    const header = c.req.header('authorization');
    if (header) {
      const [scheme, value] = header.split(' ', 2);
      if (scheme?.toLowerCase() !== 'bearer' || !value || !looksLikeApiKey(value)) {
        throw new AppError('unauthenticated', 'Authorization must be "Bearer <API key>"');
      }
      const found = await deps.storage.apiKeys.byHashWithUser(hashApiKey(value));
      if (!found || found.key.revokedAt)
        throw new AppError('unauthenticated', 'API key is invalid or revoked');
      const limit = await deps.rateLimiter.hit(`apikey:${found.key.id}`, 6000, 60_000);
      if (!limit.allowed) {
        throw new AppError('rate_limited', 'Too many requests for this API key', undefined, {
          'Retry-After': String(limit.retryAfterSec),
        });
      }
      // Last-used is informational: record it without holding up the request.
      deps.storage.apiKeys
        .touch(found.key.id)
        .catch((err) => deps.logger.warn({ err }, 'api key touch failed'));
      const { id, email, name, role } = found.user;
      c.set('user', { id, email, name, role: role as 'admin' | 'member' });
      c.set('authMethod', 'apiKey');
      c.set('apiKeyId', found.key.id);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = await deps.sessions.validate(token);
      if (found) {
        const { id, email, name, role } = found.user;
        c.set('user', { id, email, name, role: role as 'admin' | 'member' });
        c.set('sessionId', found.session.id);
        c.set('authMethod', 'session');
        setSessionCookie(c, token, found.session.expiresAt);
      } else {
        clearSessionCookie(c);
      }
    }
    return next();
  };
}

/** Routes behind this need a caller. */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUser(c, next) {
    if (!c.var.user) throw new AppError('unauthenticated', 'Sign in or pass an API key');
    return next();
  };
}
