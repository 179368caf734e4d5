import { z } from '@hono/zod-openapi';
import type { ExecutionEvent } from '@tandem/shared/schema';
import { streamSSE } from 'hono/streaming';
import { authorizeWorkflow } from '../authz.ts';
import type { AppDeps, AuthedUser } from '../deps.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, router } from '../openapi.ts';
import { servicesOf } from './executions-start.ts';

const r = router();
r.use('/workflows/:id/events', requireUser());

/** Whether the caller of a long-lived stream still has a live session or key and may still view the workflow. */
async function stillAllowed(
  deps: AppDeps,
  v: { user: AuthedUser | null; sessionId: string | null; apiKeyId: string | null },
  workflowId: string,
) {
  try {
    if (v.sessionId && !(await deps.storage.sessions.withUser(v.sessionId))) return false;
    if (v.apiKeyId && !(await deps.storage.apiKeys.listForUser(v.user!.id)).some((k) => k.id === v.apiKeyId))
      return false;
    await authorizeWorkflow(deps, v.user!, workflowId, 'view');
    return true;
  } catch {
    return false;
  }
}

/** Server-sent events: the workflow's live execution events (canvas overlay), for anyone who may view it. */
r.get('/workflows/:id/events', async (c) => {
  const { deps } = c.var;
  const { workflow } = await authorizeWorkflow(deps, c.var.user!, c.req.param('id'), 'view');
  const { events } = servicesOf(deps);
  return streamSSE(c, async (stream) => {
    const queue: ExecutionEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = await events.subscribeWorkflow(workflow.id, (e) => {
      queue.push(e);
      wake?.();
    });
    stream.onAbort(() => wake?.());
    try {
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted && !stream.closed) {
        if (queue.length === 0) {
          // Wake for an event, or every 5 s: re-check access (a removed member or a signed-out session stops
          // receiving events) and send a keep-alive comment through proxies.
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 5_000);
          });
          wake = undefined;
          if (queue.length === 0 && !stream.aborted) {
            if (!(await stillAllowed(deps, c.var, workflow.id))) break;
            await stream.write(': keep-alive\n\n');
          }
          continue;
        }
        const e = queue.shift()!;
        await stream.writeSSE({ event: e.type, data: JSON.stringify(e) });
      }
    } finally {
      await unsubscribe();
    }
  });
});

// The stream is served by a plain handler (streamSSE); documented here so the OpenAPI document covers it.
r.openAPIRegistry.registerPath({
  method: 'get',
  path: '/workflows/{id}/events',
  tags: ['executions'],
  description:
    'Server-sent events of the workflow: execution.started, node.started, node.finished, execution.finished (schemas in `@tandem/shared/schema` events), for runs started anywhere. Access is re-checked every 5 s.',
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: {
    200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errors(401, 404),
  },
});

export const executionEventRoutes = r;
