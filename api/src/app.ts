import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './deps.ts';
import { errorAnswer } from './error-answer.ts';
import { AppError, errorBody } from './errors.ts';
import { authenticate } from './middleware/authenticate.ts';
import { compressAnswers } from './middleware/compress-answers.ts';
import { jsonOnly } from './middleware/json-only.ts';
import { originCheck } from './middleware/origin-check.ts';
import { router } from './openapi.ts';
import { activityRoutes } from './routes/activity.ts';
import { aiRoutes } from './routes/ai.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { authRoutes } from './routes/auth.ts';
import { collabTokenRoutes } from './routes/collab-token.ts';
import { credentialRoutes } from './routes/credentials.ts';
import { executionRoutes } from './routes/executions.ts';
import { healthRoutes } from './routes/health.ts';
import { memberRoutes } from './routes/members.ts';
import { nodeRoutes } from './routes/nodes.ts';
import { publishRoutes } from './routes/publish.ts';
import { systemRoutes } from './routes/system.ts';
import { userRoutes } from './routes/users.ts';
import type { WebhookServer } from './routes/webhook-serve.ts';
import { webhookTestRoutes } from './routes/webhook-test.ts';
import { webhookWaitingRoutes } from './routes/webhook-waiting.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { workflowDocRoutes } from './routes/workflow-doc.ts';
import { workflowRoutes } from './routes/workflows.ts';
import { serveClient } from './static.ts';

export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The HTTP app: every resource router under /api, the built client for everything else.
 * @example const app = createApp(deps); const res = await app.request('/api/health');
 */
export function createApp(deps: AppDeps, opts: { serveWebhook?: WebhookServer } = {}) {
  const api = router();
  api.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  api.use('*', compressAnswers());
  api.use('*', jsonOnly());
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('payload_too_large', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );
  api.use('*', authenticate());
  api.use('*', originCheck());

  // Resource routers. Each line mounts one resource.
  api.route('/', healthRoutes);
  api.route('/', authRoutes);
  api.route('/', userRoutes);
  api.route('/', apiKeyRoutes);
  api.route('/', credentialRoutes);
  api.route('/', workflowRoutes);
  api.route('/', workflowDocRoutes);
  api.route('/', memberRoutes);
  api.route('/', collabTokenRoutes);
  api.route('/', nodeRoutes);
  api.route('/', aiRoutes);
  api.route('/', activityRoutes);
  api.route('/', systemRoutes);
  api.route('/', webhookTestRoutes);
  api.route('/', executionRoutes);
  api.route('/', publishRoutes);

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Tandem API', version: deps.version },
    servers: [{ url: '/api' }],
  });
  api.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404));

  const app = router();
  // server.ts's webhook fast path copies the headers this stack adds to webhook answers (webhook-fast-path.ts).
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: undefined }));
  app.route('/api', api);
  app.route('/', webhookRoutes(deps, undefined, opts.serveWebhook));
  app.route('/', webhookWaitingRoutes(deps));
  serveClient(app);
  app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => {
    const a = errorAnswer(err, deps.logger, { path: c.req.path, method: c.req.method });
    for (const [k, v] of Object.entries(a.headers)) c.header(k, v);
    return c.json(a.body, a.status);
  });
  return app;
}
