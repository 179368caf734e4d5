import type { WebhookResponseMessage } from '@tandem/shared/schema';
import type { ExecutionInput } from '@tandem/worker';
import { checkWebhookFilters } from '../../../worker/src/nodes/webhook.ts';
import type { AppDeps } from '../deps.ts';
import { servicesOf, startExecution } from './executions-start.ts';
import {
  capturedHeaders,
  decodeWebhookPath,
  headerEntries,
  type WebhookAnswer,
  type WebhookLimits,
  webhookAnswer,
  webhookError,
} from './webhook-http.ts';
import { type RegisteredWebhook, webhookRegistry } from './webhook-registry.ts';
import { checkAuth, NOT_JSON, parseBody } from './webhook-request.ts';
import { testWebhooks } from './webhook-test.ts';

/** A `lastNode`/`responseNode` call waits this long for the workflow's answer. */
export const WEBHOOK_RESPONSE_TIMEOUT_MS = 300_000;

/** The request headers as the webhook needs them: lower-case names, iterated in name order, repeats joined. */
export type RequestHeaderList = Iterable<[string, string]> & { get(name: string): string | null };

/** One webhook call, whatever HTTP layer received it (the Hono route or the node:http fast path). */
export interface WebhookCall {
  kind: 'webhook' | 'webhook-test';
  method: string;
  /** The request path after `/webhook/` (before percent-decoding). */
  raw: string;
  /** The full request URL. */
  url: string;
  headers: RequestHeaderList;
  ip: string;
  /** The request body as text (UTF-8). */
  text(): Promise<string>;
}

export type WebhookServer = (call: WebhookCall) => Promise<WebhookAnswer>;

/**
 * Serves `/webhook/*` and `/webhook-test/*` calls: lookup, 405/404, rate limits, authentication, filters, the
 * waiting-answer limit, then starts the execution and answers as the Webhook node's response mode says.
 * The HTTP layer adds the app-wide security headers. Throws what the app's error handler answers.
 */
export function webhookServer(deps: AppDeps, limits: WebhookLimits): WebhookServer {
  const pending = new Map<string, number>();

  return async function serve(call: WebhookCall): Promise<WebhookAnswer> {
    const { kind, raw } = call;
    const path = decodeWebhookPath(raw);
    if (path === undefined) return webhookError(404, 'not_found', 'No published webhook at this path');
    const method = call.method;
    const registry = kind === 'webhook' ? webhookRegistry(deps) : testWebhooks(deps);
    const found = await registry.lookup(method, path, raw);
    if (!found) {
      const allowed = await registry.methodsOf(path, raw);
      if (allowed.length) {
        return webhookError(405, 'method_not_allowed', `Webhook /${kind}/${path} does not accept ${method}`, {
          allow: allowed.join(', '),
        });
      }
      const what =
        kind === 'webhook' ? 'published webhook' : 'test webhook listening (open the editor and listen)';
      return webhookError(404, 'not_found', `No ${what} at /${kind}/${path}`);
    }
    const hook = found;
    const ip = call.ip;
    let rate = await deps.rateLimiter.hit(`webhook-ip:${ip}`, limits.ratePerIp, 1000);
    if (rate.allowed)
      rate = await deps.rateLimiter.hit(`webhook:${hook.method}:${hook.path}`, limits.ratePerPath, 1000);
    if (!rate.allowed) {
      return webhookError(429, 'rate_limited', 'Too many requests for this webhook', {
        'retry-after': String(rate.retryAfterSec),
      });
    }
    const { denied, secretHeader } = await checkAuth(deps, hook, call.headers);
    if (denied) {
      const code =
        denied.status === 500 ? 'internal' : denied.status === 401 ? 'unauthenticated' : 'forbidden';
      const extra: Record<string, string> =
        denied.status === 401 ? { 'www-authenticate': 'Basic realm="Webhook"' } : {};
      return webhookError(denied.status, code, denied.message, extra);
    }
    const p = hook.node.parameters;
    const filtered = checkWebhookFilters(
      (p.options ?? {}) as { ipWhitelist?: string; ignoreBots?: boolean },
      {
        ip,
        userAgent: call.headers.get('user-agent') ?? undefined,
      },
    );
    if (!filtered.ok) return webhookError(403, 'forbidden', filtered.message);
    const responseMode =
      (p.responseMode as 'onReceived' | 'lastNode' | 'responseNode' | undefined) ?? 'onReceived';
    if (responseMode === 'onReceived') return handle(hook, responseMode, secretHeader);
    const pendingKey = `${hook.method} ${hook.path}`;
    if ((pending.get(pendingKey) ?? 0) >= limits.maxPendingPerPath) {
      return webhookError(503, 'unavailable', 'Too many calls of this webhook are waiting for an answer', {
        'retry-after': '1',
      });
    }
    pending.set(pendingKey, (pending.get(pendingKey) ?? 0) + 1);
    try {
      return await handle(hook, responseMode, secretHeader);
    } finally {
      const left = (pending.get(pendingKey) ?? 1) - 1;
      if (left > 0) pending.set(pendingKey, left);
      else pending.delete(pendingKey);
    }

    async function handle(
      hook: RegisteredWebhook & { params: Record<string, string> },
      responseMode: 'onReceived' | 'lastNode' | 'responseNode',
      secretHeader: string | null,
    ): Promise<WebhookAnswer> {
      const url = new URL(call.url);
      const body = parseBody(call.headers.get('content-type') ?? '', await call.text());
      if (body === NOT_JSON)
        return webhookError(400, 'invalid_json', 'The body is not valid JSON, as its Content-Type says');
      // The Webhook node's host contract (worker/src/nodes/webhook.ts): it turns this into n8n's item.
      const item = {
        json: {
          method,
          headers: capturedHeaders(call.headers, secretHeader),
          params: { ...hook.params },
          query: Object.fromEntries(url.searchParams),
          body,
          webhookUrl: url.toString(),
        },
      };
      let answer: Promise<WebhookResponseMessage> | undefined;
      let unsubscribe: (() => Promise<void>) | undefined;
      const { events } = servicesOf(deps);
      const started = startExecution(deps, {
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
          // Where the worker sends the answer: this process' reply channel (none in embedded mode).
          replyTo: responseMode === 'onReceived' ? undefined : events.replyTo,
        },
        beforeEnqueue:
          responseMode === 'onReceived'
            ? undefined
            : async (id) => {
                let resolve!: (m: WebhookResponseMessage) => void;
                answer = new Promise((r) => (resolve = r));
                unsubscribe = await events.subscribeWebhookResponse(id, resolve);
              },
      });
      // A failed start must not leave the answer's subscription behind.
      const { record } = await started.catch(async (err) => {
        await unsubscribe?.();
        throw err;
      });
      if (responseMode === 'onReceived') {
        const opts = (p.options ?? {}) as { responseData?: string; noResponseBody?: boolean };
        const code = Number(p.responseCode ?? 200);
        if (opts.noResponseBody) return webhookAnswer(code, headerEntries(hook.node), null);
        return webhookAnswer(
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
        if (!m) return webhookError(503, 'unavailable', `Execution ${record.id} did not answer in time`);
        return webhookAnswer(m.statusCode, { ...headerEntries(hook.node), ...m.headers }, m.body);
      } finally {
        clearTimeout(timer);
        await unsubscribe?.();
      }
    }
  };
}
