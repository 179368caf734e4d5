import { createRoute, z } from '@hono/zod-openapi';
import { COAUTHOR_USER_ID } from '../ai.ts';
import { authorizeWorkflow } from '../authz.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, router } from '../openapi.ts';

const Entry = z.object({
  seq: z.number(),
  at: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  bytes: z.number(),
});

export const activityRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/workflows/{id}/activity',
    tags: ['collaboration'],
    description:
      "The document's changes, newest first, by who made them (people, the AI co-author, REST writes). Page with `before`.",
    middleware: [requireUser()],
    request: {
      params: z.object({ id: z.string().max(64) }),
      query: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        before: z.coerce.number().int().positive().optional(),
      }),
    },
    responses: {
      200: json(z.object({ data: z.array(Entry), nextCursor: z.string().nullable() })),
      ...errors(400, 401, 404),
    },
  }),
  async (c) => {
    const { storage } = c.var.deps;
    const { workflow } = await authorizeWorkflow(c.var.deps, c.var.user!, c.req.valid('param').id, 'view');
    const { limit, before } = c.req.valid('query');
    const rows = await storage.documents.listActivity(workflow.id, { limit, beforeSeq: before });
    const names = new Map<string, string>([[COAUTHOR_USER_ID, 'AI co-author']]);
    for (const id of new Set(rows.map((r) => r.userId).filter((u): u is string => !!u && !names.has(u)))) {
      names.set(id, (await storage.users.byId(id))?.name ?? 'Former member');
    }
    const data = rows.map((r) => ({
      seq: r.seq,
      at: new Date(r.createdAt).toISOString(),
      userId: r.userId,
      name: r.userId ? (names.get(r.userId) ?? 'Unknown') : 'Tandem',
      bytes: r.bytes,
    }));
    return c.json({ data, nextCursor: rows.length === limit ? String(rows.at(-1)!.seq) : null }, 200);
  },
);
