import type { ExecutionChannelMessage } from '@tandem/shared/schema';
import type { ExecutionInput } from '@tandem/worker';
import { type Context, Hono, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { checkWebhookFilters } from '../../../worker/src/nodes/webhook.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { errorBody } from '../errors.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { servicesOf, startExecution } from './executions-start.ts';
import {
  capturedHeaders,
  decodeWebhookPath,
  headerEntries,
  reply,
  type WebhookLimits,
  webhookLimitsFromEnv,
} from './webhook-http.ts';
import { type RegisteredWebhook, webhookRegistry } from './webhook-registry.ts';
import { checkAuth, readBody } from './webhook-request.ts';
import { testWebhooks } from './webhook-test.ts';

export {
  type RegisteredWebhook,
  type WebhookTarget,
  webhookRegistry,
  webhooksOf,
} from './webhook-registry.ts';

export const WEBHOOK_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** A `lastNode`/`responseNode` call waits this long for the workflow's answer. */
export const WEBHOOK_RESPONSE_TIMEOUT_MS = 300_000;

function build(deps: AppDeps, limits: WebhookLimits = webhookLimitsFromEnv()) {
  const app = new Hono<AppEnv>();
  const pending = new Map<string, number>();
  for (const prefix of ['/webhook/*', '/webhook-test/*']) app.use(prefix, hygiene);
  async function hygiene(c: Context<AppEnv>, next: Next) {
    c.set('deps', deps);
    await next();
    // Error answers too: nothing served under /webhook may run script on the app origin.
    try {
      c.res.headers.set('content-security-policy', 'sandbox');
      c.res.headers.set('x-content-type-options', 'nosniff');
      c.res.headers.delete('set-cookie');
    } catch {
      // Immutable headers: reply() already set them.
    }
  }
  const limitBody = bodyLimit({
    maxSize: WEBHOOK_MAX_BODY_BYTES,
    onError: (c) =>
      c.json(
        errorBody('payload_too_large', `Request body is larger than ${WEBHOOK_MAX_BODY_BYTES} bytes`),
        413,
      ),
  });
  app.use('/webhook/*', limitBody);
  app.use('/webhook-test/*', limitBody);

  app.all('/webhook/*', (c) => serve(c, 'webhook'));
  app.all('/webhook-test/*', (c) => serve(c, 'webhook-test'));

  async function serve(c: Context<AppEnv>, kind: 'webhook' | 'webhook-test'): Promise<Response> {
    const deps = c.var.deps;
    const raw = c.req.path.slice(`/${kind}/`.length);
    const path = decodeWebhookPath(raw);
    if (path === undefined) return c.json(errorBody('not_found', 'No published webhook at this path'), 404);
    const method = c.req.method === 'HEAD' ? 'HEAD' : c.req.method;
    const registry = kind === 'webhook' ? webhookRegistry(deps) : testWebhooks(deps);
    const found = await registry.lookup(method, path, raw);
    if (!found) {
      const allowed = await registry.methodsOf(path, raw);
      if (allowed.length) {
        c.header('Allow', allowed.join(', '));
        return c.json(
          errorBody('method_not_allowed', `Webhook /${kind}/${path} does not accept ${method}`),
          405,
        );
      }
      const what =
        kind === 'webhook' ? 'published webhook' : 'test webhook listening (open the editor and listen)';
      return c.json(errorBody('not_found', `No ${what} at /${kind}/${path}`), 404);
    }
    const hook: RegisteredWebhook = found;
    const params = found.params;
    const ip = clientIp(c);
    let rate = await deps.rateLimiter.hit(`webhook-ip:${ip}`, limits.ratePerIp, 1000);
    if (rate.allowed)
      rate = await deps.rateLimiter.hit(`webhook:${hook.method}:${hook.path}`, limits.ratePerPath, 1000);
    if (!rate.allowed) {
      c.header('Retry-After', String(rate.retryAfterSec));
      return c.json(errorBody('rate_limited', 'Too many requests for this webhook'), 429);
    }
    const { denied, secretHeader } = await checkAuth(deps, hook, c.req.raw.headers);
    if (denied) {
      if (denied.status === 401) c.header('WWW-Authenticate', 'Basic realm="Webhook"');
      return c.json(
        errorBody(
          denied.status === 500 ? 'internal' : denied.status === 401 ? 'unauthenticated' : 'forbidden',
          denied.message,
        ),
        denied.status,
      );
    }
    const p = hook.node.parameters;
    const filtered = checkWebhookFilters(
      (p.options ?? {}) as { ipWhitelist?: string; ignoreBots?: boolean },
      {
        ip,
        userAgent: c.req.header('user-agent'),
      },
    );
    if (!filtered.ok) return c.json(errorBody('forbidden', filtered.message), 403);
    const responseMode =
      (p.responseMode as 'onReceived' | 'lastNode' | 'responseNode' | undefined) ?? 'onReceived';
    const pendingKey = `${hook.method} ${hook.path}`;
    if (responseMode !== 'onReceived') {
      if ((pending.get(pendingKey) ?? 0) >= limits.maxPendingPerPath) {
        c.header('Retry-After', '1');
        return c.json(
          errorBody('unavailable', 'Too many calls of this webhook are waiting for an answer'),
          503,
        );
      }
      pending.set(pendingKey, (pending.get(pendingKey) ?? 0) + 1);
    }
    try {
      return await handle(hook);
    } finally {
      if (responseMode !== 'onReceived') {
        const left = (pending.get(pendingKey) ?? 1) - 1;
        if (left > 0) pending.set(pendingKey, left);
        else pending.delete(pendingKey);
      }
    }
    async function handle(hook: RegisteredWebhook): Promise<Response> {
      const url = new URL(c.req.url);
      // The Webhook node's host contract (worker/src/nodes/webhook.ts): it turns this into n8n's item.
      const item = {
        json: {
          method,
          headers: capturedHeaders(c.req.raw.headers, secretHeader),
          params: { ...params },
          query: Object.fromEntries(url.searchParams),
          body: await readBody(c.req.raw),
          webhookUrl: url.toString(),
        },
      };
      let answer: Promise<ExecutionChannelMessage & { type: 'webhook.response' }> | undefined;
      let unsubscribe: (() => Promise<void>) | undefined;
      const { record } = await startExecution(deps, {
        workflowId: hook.workflowId,
        versionId: hook.draft ? null : hook.versionId,
        workflowJson: hook.draft ?? null,
        settings: hook.settings,
        mode: hook.draft ? 'webhook-test' : 'webhook',
        createdBy: null,
        input: {
          triggerItems: [item],
          startNode: hook.node.name,
          responseMode,
          responseCode: p.responseCode === undefined ? undefined : Number(p.responseCode),
          responseData: p.responseData as ExecutionInput['responseData'],
        },
        beforeEnqueue:
          responseMode === 'onReceived'
            ? undefined
            : async (id) => {
                let resolve!: (m: ExecutionChannelMessage & { type: 'webhook.response' }) => void;
                answer = new Promise((r) => (resolve = r));
                unsubscribe = await servicesOf(deps).events.subscribeExecution(id, (m) => {
                  if (m.type === 'webhook.response') resolve(m);
                });
              },
      });
      if (responseMode === 'onReceived') {
        const opts = (p.options ?? {}) as { responseData?: string; noResponseBody?: boolean };
        const code = Number(p.responseCode ?? 200);
        if (opts.noResponseBody) return reply(code, headerEntries(hook.node), null);
        return reply(
          code,
          headerEntries(hook.node),
          opts.responseData ?? { message: 'Workflow was started' },
        );
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timeout = new Promise<undefined>((r) => {
          timer = setTimeout(() => r(undefined), WEBHOOK_RESPONSE_TIMEOUT_MS);
        });
        const m = await Promise.race([answer!, timeout]);
        if (!m) return c.json(errorBody('unavailable', `Execution ${record.id} did not answer in time`), 503);
        return reply(m.statusCode, { ...headerEntries(hook.node), ...m.headers }, m.body);
      } finally {
        clearTimeout(timer);
        await unsubscribe?.();
      }
    }
  }

  return app;
}

/** `/webhook/{path}` for published workflows. Mount at the root app, outside `/api`: `app.route('/', webhookRoutes(deps))`. */
export const webhookRoutes = build;
