import { createRoute, z } from '@hono/zod-openapi';
import { authorizeWorkflow } from '../authz.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, router } from '../openapi.ts';
import {
  dynamicKey,
  dynamicPathProblem,
  isDynamicPath,
  requestSegments,
  WebhookPathIndex,
} from './webhook-paths.ts';
import { WEBHOOK_METHODS, type WebhookMatch, type WebhookTarget, webhooksOf } from './webhook-registry.ts';

/** How long one "listen" keeps the draft's test webhooks open (n8n: 120 s). */
export const TEST_LISTEN_MS = 120_000;

type Listener = { workflowId: string; ownerId: string; expiresAt: number };

/**
 * `/webhook-test/{path}` answers while an editor listens: the draft (read at call time, so the latest edits run)
 * of the workflow that listened last on that method and path. Listeners live in Redis in production mode (any api
 * instance can take the call) and in memory in embedded mode.
 */
export function testWebhooks(deps: AppDeps) {
  let local = locals.get(deps);
  if (!local) locals.set(deps, (local = new Map()));
  const memory = local;
  const key = (method: string, path: string) => `${deps.config.redisPrefix}:webhook-test:${method} ${path}`;
  // A dynamic path is found by method, segment count and first segment, then matched against the draft.
  const dynKey = (method: string, parts: readonly string[]) =>
    `${deps.config.redisPrefix}:webhook-test-dynamic:${dynamicKey(method, parts)}`;
  const read = async (k: string): Promise<Listener | undefined> => {
    const raw = deps.redis ? await deps.redis.get(k) : JSON.stringify(memory.get(k) ?? null);
    const l = raw ? (JSON.parse(raw) as Listener | null) : null;
    return l && l.expiresAt > Date.now() ? l : undefined;
  };
  const found = async (l: Listener, method: string, path: string, raw: string) => {
    const draft = await deps.drafts.read(l.workflowId);
    const index = new WebhookPathIndex<WebhookTarget>();
    for (const h of webhooksOf(draft)) if (h.method === method) index.add(h.method, h.path, h);
    const m = index.match(method, path, raw);
    if (!m) return undefined;
    return {
      ...m.value,
      workflowId: l.workflowId,
      ownerId: l.ownerId,
      versionId: '',
      settings: draft.settings,
      draft,
      params: m.params,
    };
  };
  const api = {
    async listen(workflowId: string, ownerId: string): Promise<{ method: string; path: string }[]> {
      const draft = await deps.drafts.read(workflowId);
      const hooks = webhooksOf(draft);
      for (const h of hooks) {
        const problem = isDynamicPath(h.path) ? dynamicPathProblem(h.path) : null;
        if (problem) throw new AppError('validation_failed', `Webhook "${h.node.name}": ${problem}`);
      }
      const listener: Listener = { workflowId, ownerId, expiresAt: Date.now() + TEST_LISTEN_MS };
      for (const h of hooks) {
        const k = isDynamicPath(h.path) ? dynKey(h.method, h.path.split('/')) : key(h.method, h.path);
        if (deps.redis) await deps.redis.set(k, JSON.stringify(listener), 'PX', TEST_LISTEN_MS);
        else memory.set(k, listener);
      }
      return hooks.map((h) => ({ method: h.method, path: h.path }));
    },
    /** Static paths win over dynamic ones, as for published webhooks. */
    async lookup(method: string, path: string, raw: string = path): Promise<WebhookMatch | undefined> {
      const l = await read(key(method, path));
      const hit = l && (await found(l, method, path, raw));
      if (hit && hit.path === path) return hit;
      const parts = requestSegments(raw);
      const dynamic = parts && (await read(dynKey(method, parts)));
      return dynamic ? found(dynamic, method, path, raw) : undefined;
    },
    async methodsOf(path: string, raw: string = path): Promise<string[]> {
      const hits = await Promise.all(WEBHOOK_METHODS.map((m) => api.lookup(m, path, raw)));
      return WEBHOOK_METHODS.filter((_, i) => hits[i]);
    },
  };
  return api;
}
const locals = new WeakMap<AppDeps, Map<string, Listener>>();

export const webhookTestRoutes = router().openapi(
  createRoute({
    method: 'post',
    path: '/workflows/{id}/webhook-test',
    tags: ['executions'],
    description: `Listens for test calls: for ${TEST_LISTEN_MS / 1000} s, /webhook-test/{path} of the draft's Webhook nodes runs the current draft (mode webhook-test), lighting up the editor.`,
    middleware: [requireUser()],
    request: { params: z.object({ id: z.string().max(64) }) },
    responses: {
      200: json(
        z.object({
          webhooks: z.array(z.object({ method: z.string(), path: z.string(), url: z.string() })),
          expiresInSec: z.number(),
        }),
      ),
      ...errors(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { workflow } = await authorizeWorkflow(c.var.deps, c.var.user!, c.req.valid('param').id, 'execute');
    const hooks = await testWebhooks(c.var.deps).listen(workflow.id, workflow.ownerId);
    const base = c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;
    return c.json(
      {
        webhooks: hooks.map((h) => ({ ...h, url: `${base}/webhook-test/${h.path}` })),
        expiresInSec: TEST_LISTEN_MS / 1000,
      },
      200,
    );
  },
);
