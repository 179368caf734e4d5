import { createRoute, z } from '@hono/zod-openapi';
import { ApiKeyCreateBody, ApiKeyCreated, ApiKeyView } from '@tandem/shared/schema';
import { newId } from '@tandem/shared/util';
import { generateApiKey } from '../auth/api-keys.ts';
import { AppError, notFound } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';
import { apiKeyView } from './views.ts';

export const apiKeyRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api-keys',
      tags: ['api-keys'],
      middleware: [requireUser()],
      request: { body: jsonBody(ApiKeyCreateBody) },
      responses: {
        201: json(ApiKeyCreated, 'The key; its secret `key` is shown this once'),
        ...errors(400, 401, 403, 415),
      },
    }),
    async (c) => {
      if (c.var.authMethod !== 'session')
        throw new AppError('forbidden', 'API keys are created from a signed-in session');
      const { key, hash, prefix } = generateApiKey();
      const row = {
        id: newId(),
        userId: c.var.user!.id,
        name: c.req.valid('json').name,
        keyHash: hash,
        prefix,
        createdAt: Date.now(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await c.var.deps.storage.apiKeys.create(row);
      await c.var.deps.storage.audit.record({
        userId: row.userId,
        action: 'apikey.create',
        targetId: row.id,
      });
      return c.json({ ...apiKeyView(row), key }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api-keys',
      tags: ['api-keys'],
      middleware: [requireUser()],
      responses: { 200: json(z.object({ data: z.array(ApiKeyView), nextCursor: z.null() })), ...errors(401) },
    }),
    async (c) => {
      const keys = await c.var.deps.storage.apiKeys.listForUser(c.var.user!.id);
      return c.json({ data: keys.map(apiKeyView), nextCursor: null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api-keys/{id}',
      tags: ['api-keys'],
      middleware: [requireUser()],
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errors(401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await c.var.deps.storage.apiKeys.revoke(id, c.var.user!.id))) throw notFound('API key');
      await c.var.deps.storage.audit.record({
        userId: c.var.user!.id,
        action: 'apikey.revoke',
        targetId: id,
      });
      return c.json({ ok: true }, 200);
    },
  );
