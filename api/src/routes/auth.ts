import { createRoute, z } from '@hono/zod-openapi';
import { LoginBody, RegisterBody, UserView } from '@tandem/shared/schema';
import { newId } from '@tandem/shared/util';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/password.ts';
import { generateSessionToken } from '../auth/sessions.ts';
import { AppError } from '../errors.ts';
import { clearSessionCookie, setSessionCookie } from '../middleware/authenticate.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';
import { userView } from './views.ts';

const LOCKOUT_FAILURES = 5;
const LOCKOUT_FAILURES_ANY_ADDRESS = 100;
const LOCKOUT_WINDOW_MS = 15 * 60_000;
const perIp = (name: string) =>
  rateLimit({ name, limit: (c) => c.var.deps.config.authRateLimit, windowMs: 60_000 });

export const authRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/register',
      tags: ['auth'],
      middleware: [perIp('register')],
      request: { body: jsonBody(RegisterBody) },
      responses: { 201: json(UserView, 'Registered and signed in'), ...errors(400, 403, 409, 415, 429) },
    }),
    async (c) => {
      const { storage, sessions } = c.var.deps;
      const body = c.req.valid('json');
      const count = await storage.users.count();
      if (count > 0 && !(await storage.settings.get()).registrationOpen) {
        throw new AppError('forbidden', 'Self-registration is turned off on this instance; ask an admin');
      }
      if (await storage.users.byEmail(body.email))
        throw new AppError('conflict', 'An account with this email exists');
      const now = Date.now();
      const user = await storage.users
        .create({
          id: newId(),
          email: body.email,
          name: body.name,
          passwordHash: await hashPassword(body.password),
          // Exactly one registration can claim the instance, even when two arrive at once.
          role:
            count === 0 && (await storage.settings.claim('instanceOwner', body.email)) ? 'admin' : 'member',
          createdAt: now,
          updatedAt: now,
        })
        .catch(() => {
          throw new AppError('conflict', 'An account with this email exists');
        });
      const token = generateSessionToken();
      const session = await sessions.create(token, user.id);
      setSessionCookie(c, token, session.expiresAt);
      await storage.audit.record({ userId: user.id, action: 'user.register', ip: clientIp(c) });
      return c.json(userView(user), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      middleware: [perIp('login')],
      request: { body: jsonBody(LoginBody) },
      responses: { 200: json(UserView, 'Signed in'), ...errors(400, 401, 415, 429) },
    }),
    async (c) => {
      const { storage, sessions, rateLimiter } = c.var.deps;
      const { email, password } = c.req.valid('json');
      // Per account and address: someone elsewhere cannot lock you out by guessing wrong on purpose. A much higher
      // per-account ceiling still stops guessing spread over many addresses (argon2 makes each guess slow too).
      const failKey = `loginfail:${email}:${clientIp(c)}`;
      const spreadKey = `loginfail:${email}`;
      if (
        (await rateLimiter.peek(failKey)) >= LOCKOUT_FAILURES ||
        (await rateLimiter.peek(spreadKey)) >= LOCKOUT_FAILURES_ANY_ADDRESS
      ) {
        throw new AppError(
          'rate_limited',
          'Too many failed sign-ins for this account; try again later',
          undefined,
          {
            'Retry-After': String(LOCKOUT_WINDOW_MS / 1000),
          },
        );
      }
      const user = await storage.users.byEmail(email);
      const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
      if (!user || !ok) {
        await rateLimiter.count(failKey, LOCKOUT_WINDOW_MS);
        await rateLimiter.count(spreadKey, LOCKOUT_WINDOW_MS);
        await storage.audit.record({ userId: user?.id, action: 'user.login_failed', ip: clientIp(c) });
        throw new AppError('unauthenticated', 'Email or password is wrong');
      }
      await rateLimiter.reset(failKey);
      const token = generateSessionToken();
      const session = await sessions.create(token, user.id);
      setSessionCookie(c, token, session.expiresAt);
      return c.json(userView(user), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errors(403) },
    }),
    async (c) => {
      const sessionId = c.var.sessionId;
      if (sessionId) await c.var.deps.sessions.invalidate(sessionId);
      clearSessionCookie(c);
      return c.json({ ok: true }, 200);
    },
  );
