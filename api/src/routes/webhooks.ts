import { type Context, Hono, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../deps.ts';
import { errorBody } from '../errors.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { toResponse, type WebhookLimits, webhookLimitsFromEnv } from './webhook-http.ts';
import { type WebhookCall, type WebhookServer, webhookServer } from './webhook-serve.ts';

export {
  type RegisteredWebhook,
  type WebhookTarget,
  webhookRegistry,
  webhooksOf,
} from './webhook-registry.ts';

export { WEBHOOK_RESPONSE_TIMEOUT_MS } from './webhook-serve.ts';
export const WEBHOOK_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * `serve` is shared with the node:http fast path (webhook-fast-path.ts) so both count the same waiting calls.
 */
function build(
  deps: AppDeps,
  limits: WebhookLimits = webhookLimitsFromEnv(),
  serve: WebhookServer = webhookServer(deps, limits),
) {
  const app = new Hono<AppEnv>();
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

  const call = (c: Context<AppEnv>, kind: 'webhook' | 'webhook-test'): WebhookCall => ({
    kind,
    method: c.req.method,
    raw: c.req.path.slice(`/${kind}/`.length),
    url: c.req.url,
    headers: c.req.raw.headers,
    ip: clientIp(c),
    text: () => c.req.raw.text(),
  });
  app.all('/webhook/*', async (c) => toResponse(await serve(call(c, 'webhook'))));
  app.all('/webhook-test/*', async (c) => toResponse(await serve(call(c, 'webhook-test'))));

  return app;
}

/** `/webhook/{path}` for published workflows. Mount at the root app, outside `/api`: `app.route('/', webhookRoutes(deps))`. */
export const webhookRoutes = build;
