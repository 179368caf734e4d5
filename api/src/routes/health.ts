import { createRoute } from '@hono/zod-openapi';
import { Health } from '@tandem/shared/schema';
import { json, router } from '../openapi.ts';

export const healthRoutes = router().openapi(
  createRoute({ method: 'get', path: '/health', tags: ['system'], responses: { 200: json(Health) } }),
  (c) => c.json({ status: 'ok' as const, mode: c.var.deps.config.mode, version: c.var.deps.version }, 200),
);
