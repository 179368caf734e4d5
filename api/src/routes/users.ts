import { createRoute, z } from '@hono/zod-openapi';
import { UpdateMeBody, UserView } from '@tandem/shared/schema';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { AppError } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';
import { userView } from './views.ts';

const Directory = z.object({
  data: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
});
const SettingsView = z.object({
  registrationOpen: z.boolean(),
  allowPrivateNetworkRequests: z.boolean(),
  timezone: z.string(),
  aiCredentialId: z.string().max(64).nullable(),
});

function requireAdmin(role: string) {
  if (role !== 'admin') throw new AppError('forbidden', 'Only an instance admin may do this');
}

export const userRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/users/me',
      tags: ['users'],
      middleware: [requireUser()],
      responses: { 200: json(UserView), ...errors(401) },
    }),
    (c) => c.json(userView(c.var.user!), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/users/me',
      tags: ['users'],
      middleware: [requireUser()],
      request: { body: jsonBody(UpdateMeBody) },
      responses: { 200: json(UserView), ...errors(400, 401, 403, 409, 415) },
    }),
    async (c) => {
      const { storage, sessions } = c.var.deps;
      const body = c.req.valid('json');
      const me = (await storage.users.byId(c.var.user!.id))!;
      const patch: { name?: string; email?: string; passwordHash?: string } = {};
      if (body.name) patch.name = body.name;
      const changesEmail = body.email !== undefined && body.email !== me.email;
      // The sign-in identity (email) and the password change only with the current password.
      if (
        (changesEmail || body.password) &&
        !(await verifyPassword(me.passwordHash, body.currentPassword ?? ''))
      ) {
        throw new AppError('forbidden', 'The current password is wrong or missing');
      }
      if (changesEmail) {
        if (await storage.users.byEmail(body.email!))
          throw new AppError('conflict', 'An account with this email exists');
        patch.email = body.email;
      }
      if (body.password) patch.passwordHash = await hashPassword(body.password);
      await storage.users.update(me.id, patch);
      if (patch.passwordHash) {
        // A password change signs out every other session, and API keys stay (they are revoked separately).
        await sessions.invalidateAllFor(me.id, c.var.sessionId ?? undefined);
        await storage.audit.record({ userId: me.id, action: 'user.password_changed' });
      }
      return c.json(userView({ ...me, ...patch }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['users'],
      description: 'The people on this instance (for sharing).',
      middleware: [requireUser()],
      responses: { 200: json(Directory), ...errors(401) },
    }),
    async (c) => {
      const users = await c.var.deps.storage.users.list();
      return c.json({ data: users.map((u) => ({ id: u.id, name: u.name, email: u.email })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags: ['settings'],
      middleware: [requireUser()],
      responses: { 200: json(SettingsView), ...errors(401) },
    }),
    async (c) => c.json(await c.var.deps.storage.settings.get(), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings',
      tags: ['settings'],
      middleware: [requireUser()],
      request: { body: jsonBody(SettingsView.partial().strict()) },
      responses: { 200: json(SettingsView), ...errors(400, 401, 403, 415) },
    }),
    async (c) => {
      requireAdmin(c.var.user!.role);
      const patch = c.req.valid('json');
      if (patch.aiCredentialId) {
        const cred = await c.var.deps.storage.credentials.byId(patch.aiCredentialId);
        if (cred?.type !== 'openAiApi') {
          throw new AppError('validation_failed', 'aiCredentialId must name an OpenAI API credential', [
            { path: 'aiCredentialId', message: 'not an openAiApi credential' },
          ]);
        }
      }
      await c.var.deps.storage.settings.set(patch);
      await c.var.deps.storage.audit.record({
        userId: c.var.user!.id,
        action: 'settings.update',
        details: patch,
      });
      return c.json(await c.var.deps.storage.settings.get(), 200);
    },
  );
