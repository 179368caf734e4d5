import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { errorBody } from '../errors.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { servicesOf } from './executions.ts';
import { capturedHeaders, reply } from './webhook-http.ts';

const MAX_BODY = 1024 * 1024;

/**
 * `/webhook-waiting/{executionId}` — n8n's `$execution.resumeUrl`: the call resumes an execution parked by a Wait node
 * ("until a webhook call"); its request becomes the Wait node's output. The random execution id is the capability;
 * a second call, or a call for anything not waiting on a webhook, answers 404.
 */
export function webhookWaitingRoutes(deps: AppDeps) {
  const app = new Hono();
  app.use('/webhook-waiting/*', async (c, next) => {
    c.set('deps' as never, deps as never);
    await next();
  });
  app.use('/webhook-waiting/*', rateLimit({ name: 'webhook-waiting', limit: 100, windowMs: 1000 }) as never);
  app.all('/webhook-waiting/:id', async (c) => {
    const id = c.req.param('id');
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_BODY)
      return reply(413, {}, errorBody('payload_too_large', `Body over ${MAX_BODY} bytes`));
    const text = await c.req.text();
    let body: unknown = text;
    if ((c.req.header('content-type') ?? '').includes('json') && text) {
      try {
        body = JSON.parse(text);
      } catch {
        return reply(400, {}, errorBody('invalid_json', 'The body is not valid JSON'));
      }
    }
    const item = {
      json: {
        headers: capturedHeaders(c.req.raw.headers, null),
        query: c.req.query(),
        body,
        method: c.req.method,
      },
    };
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id) || !(await deps.storage.executions.resumeWithItems(id, [item]))) {
      return reply(404, {}, errorBody('not_found', 'No execution is waiting for this call'));
    }
    await servicesOf(deps).queue.enqueue(id);
    return reply(200, {}, { resumed: true, executionId: id });
  });
  return app;
}
