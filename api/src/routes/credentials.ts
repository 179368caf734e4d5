import { createRoute, z } from '@hono/zod-openapi';
import {
  CredentialCreateBody,
  CredentialSharesBody,
  CredentialUpdateBody,
  CredentialView,
} from '@tandem/shared/schema';
import { AppError } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';

const Id = z.object({ id: z.string().max(64) });

const r = router();
r.use('/credentials/*', requireUser());
r.use('/credentials', requireUser());

export const credentialRoutes = r
  .openapi(
    createRoute({
      method: 'post',
      path: '/credentials',
      tags: ['credentials'],
      request: { body: jsonBody(CredentialCreateBody) },
      responses: { 201: json(CredentialView), ...errors(400, 401, 415) },
    }),
    async (c) => {
      const svc = c.var.deps.credentials;
      const row = await svc.create(c.var.user!.id, c.req.valid('json'));
      await c.var.deps.storage.audit.record({
        userId: c.var.user!.id,
        action: 'credential.create',
        targetId: row.id,
      });
      return c.json(svc.view(row, c.var.user!.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/credentials',
      tags: ['credentials'],
      request: { query: z.object({ type: z.string().max(64).optional() }) },
      responses: {
        200: json(z.object({ data: z.array(CredentialView), nextCursor: z.null() })),
        ...errors(401),
      },
    }),
    async (c) => {
      const svc = c.var.deps.credentials;
      const { type } = c.req.valid('query');
      const rows = await c.var.deps.storage.credentials.listVisible(c.var.user!.id);
      const data = rows.filter((r) => !type || r.type === type).map((r) => svc.view(r, c.var.user!.id));
      return c.json({ data, nextCursor: null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/credentials/{id}',
      tags: ['credentials'],
      request: { params: Id },
      responses: { 200: json(CredentialView), ...errors(401, 404) },
    }),
    async (c) => {
      const svc = c.var.deps.credentials;
      const user = c.var.user!;
      const row = await svc.visible(c.req.valid('param').id, user.id, user.role === 'admin');
      return c.json(svc.view(row, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/credentials/{id}',
      tags: ['credentials'],
      request: { params: Id, body: jsonBody(CredentialUpdateBody) },
      responses: { 200: json(CredentialView), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => {
      const svc = c.var.deps.credentials;
      const user = c.var.user!;
      const row = await svc.owned(c.req.valid('param').id, user.id, user.role === 'admin');
      const updated = await svc.update(row, c.req.valid('json'));
      await c.var.deps.storage.audit.record({
        userId: user.id,
        action: 'credential.update',
        targetId: row.id,
      });
      return c.json(svc.view(updated, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/credentials/{id}',
      tags: ['credentials'],
      request: { params: Id },
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const svc = c.var.deps.credentials;
      const user = c.var.user!;
      const row = await svc.owned(c.req.valid('param').id, user.id, user.role === 'admin');
      await c.var.deps.storage.credentials.delete(row.id);
      await c.var.deps.storage.audit.record({
        userId: user.id,
        action: 'credential.delete',
        targetId: row.id,
      });
      return c.json({ ok: true }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/credentials/{id}/shares',
      tags: ['credentials'],
      description: 'Gives other users the right to use (not see or change) this credential.',
      request: { params: Id, body: jsonBody(CredentialSharesBody) },
      responses: { 200: json(CredentialSharesBody), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => {
      const svc = c.var.deps.credentials;
      const user = c.var.user!;
      const row = await svc.owned(c.req.valid('param').id, user.id, user.role === 'admin');
      const { userIds } = c.req.valid('json');
      for (const id of userIds) {
        if (!(await c.var.deps.storage.users.byId(id)))
          throw new AppError('validation_failed', `No user ${id}`);
      }
      await c.var.deps.storage.credentials.setShares(
        row.id,
        userIds.filter((id) => id !== row.ownerId),
      );
      return c.json({ userIds: await c.var.deps.storage.credentials.shares(row.id) }, 200);
    },
  );
