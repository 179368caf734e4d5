import { createRoute, z } from '@hono/zod-openapi';
import type { ExecutionSummaryRow, ExecutionsRepo } from '@tandem/api/storage';
import type { Item, RunData } from '@tandem/shared/engine';
import {
  CancelResult,
  ExecuteBody,
  type ExecutionEvent,
  ExecutionListQuery,
  type ExecutionMode,
  ExecutionView,
  paginated,
  ReplayBody,
  RetryBody,
  type WorkflowJson,
} from '@tandem/shared/schema';
import { newId } from '@tandem/shared/util';
import {
  cancelExecution,
  compareRuns,
  type ExecutionInput,
  type ExecutionRecord,
  type ExecutionServices,
  isFinal,
} from '@tandem/worker';
import { streamSSE } from 'hono/streaming';
import { authorizeWorkflow } from '../authz.ts';
import type { AppDeps, AuthedUser } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';
import { decodeCursor, encodeCursor, iso } from './views.ts';

/** The composition root sets `deps.executions`; without it the execution routes answer 503. */
export function servicesOf(deps: AppDeps): ExecutionServices {
  const s = (deps as AppDeps & { executions?: ExecutionServices }).executions;
  if (!s) throw new AppError('unavailable', 'Executions are not available in this process');
  return s;
}

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|password|passwd|secret|token|api[-_]?key|access[-_]?token|client[-_]?secret)$/i;

/** Replaces values under secret-looking keys (request headers captured by webhooks, etc.). */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/** Record → API object. */
export function executionView(r: ExecutionRecord | ExecutionSummaryRow, withRunData = false): ExecutionView {
  const full = r as ExecutionRecord & { retryOf?: string | null };
  return {
    id: r.id,
    workflowId: r.workflowId,
    versionId: r.versionId,
    status: r.status,
    mode: r.mode,
    createdAt: iso(r.createdAt)!,
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    waitTill: iso(r.waitTill),
    error: (r.error as ExecutionView['error']) ?? null,
    retryOf: full.retryOf ?? null,
    parentExecutionId: r.parentExecutionId ?? null,
    ...(withRunData ? { runData: (redact(full.runData) as ExecutionView['runData']) ?? null } : {}),
  };
}

/**
 * Creates a queued execution and enqueues it; with an already used idempotency key, answers that execution.
 * `beforeEnqueue` runs after the row exists and before the job does (subscribe there to miss nothing).
 */
export async function startExecution(
  deps: AppDeps,
  o: {
    workflowId: string;
    versionId: string | null;
    workflowJson?: WorkflowJson | null;
    settings?: WorkflowJson['settings'];
    mode: ExecutionMode;
    createdBy: string | null;
    input: ExecutionInput;
    idempotencyKey?: string | null;
    retryOf?: string | null;
    /** The execution this one was started by (sub-workflow without waiting, error workflow). */
    parentExecutionId?: string | null;
    beforeEnqueue?: (id: string) => Promise<void>;
  },
): Promise<{ record: ExecutionRecord; created: boolean }> {
  const { queue } = servicesOf(deps);
  const repo = deps.storage.executions as ExecutionsRepo;
  const result = await repo.create({
    id: newId(),
    workflowId: o.workflowId,
    versionId: o.versionId,
    workflowJson: o.workflowJson ?? null,
    mode: o.mode,
    createdBy: o.createdBy,
    input: o.input,
    idempotencyKey: o.idempotencyKey ?? null,
    retryOf: o.retryOf ?? null,
    parentExecutionId: o.parentExecutionId ?? null,
  });
  await o.beforeEnqueue?.(result.record.id);
  if (result.created || result.record.status === 'queued') {
    const max = o.settings?.maxConcurrency;
    await queue.enqueue(result.record.id, max ? { workflowId: o.workflowId, maxConcurrency: max } : {});
  }
  return result;
}

/** Resolves true when the execution reaches a final state within `timeoutMs`. Subscribe-then-check: no lost wakeups. */
export async function awaitFinal(deps: AppDeps, id: string, timeoutMs: number): Promise<boolean> {
  const { events } = servicesOf(deps);
  let resolve!: (v: boolean) => void;
  const done = new Promise<boolean>((r) => (resolve = r));
  const unsubscribe = await events.subscribeExecution(id, (m) => {
    if (m.type === 'execution.finished' && m.status !== 'waiting') resolve(true);
  });
  const timer = setTimeout(() => resolve(false), timeoutMs);
  try {
    const now = await deps.storage.executions.get(id);
    if (!now || isFinal(now.status)) return true;
    return await done;
  } finally {
    clearTimeout(timer);
    await unsubscribe();
  }
}

async function visibleWorkflowIds(deps: AppDeps, user: AuthedUser): Promise<string[] | undefined> {
  if (user.role === 'admin') return undefined;
  const ids: string[] = [];
  for (const archived of [false, true]) {
    const rows = await deps.storage.workflows.list({ userId: user.id, archived, limit: 100_000 });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

async function authorizedExecution(
  deps: AppDeps,
  user: AuthedUser,
  id: string,
  action: 'view' | 'execute' | 'edit',
) {
  const record = await deps.storage.executions.get(id);
  if (!record) throw notFound('Execution');
  try {
    await authorizeWorkflow(deps, user, record.workflowId, action);
  } catch (err) {
    // Someone who cannot see the workflow learns nothing about its executions.
    if (err instanceof AppError && err.code === 'not_found') throw notFound('Execution');
    throw err;
  }
  return record;
}

const Id = z.object({ id: z.string().max(64) });

const isCursor = (v: unknown): v is { createdAt: number; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { createdAt: unknown }).createdAt === 'number' &&
  typeof (v as { id: unknown }).id === 'string';

const r = router();
r.use('/workflows/:id/events', requireUser());
r.use('/executions/*', requireUser());
r.use('/executions', requireUser());
r.use('/workflows/:id/execute', requireUser());

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

export const executionRoutes = r
  .openapi(
    createRoute({
      method: 'post',
      path: '/workflows/{id}/execute',
      tags: ['executions'],
      description:
        'Runs the published version (or the draft with `draft: true`). `wait` answers the result inline (200), else 202 + Location. Honours `Idempotency-Key`.',
      request: { params: Id, body: jsonBody(ExecuteBody) },
      responses: {
        200: json(ExecutionView),
        202: json(ExecutionView, 'Accepted'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { deps } = c.var;
      const user = c.var.user!;
      const { workflow } = await authorizeWorkflow(deps, user, c.req.valid('param').id, 'execute');
      const body = c.req.valid('json');
      const key = c.req.header('idempotency-key');
      if (key !== undefined && (key.length === 0 || key.length > 255)) {
        throw new AppError('validation_failed', 'Idempotency-Key must be 1..255 characters');
      }
      let versionId: string | null = null;
      let snapshot: WorkflowJson | null = null;
      if (body.draft) snapshot = await deps.drafts.read(workflow.id);
      else if (!workflow.publishedVersionId) {
        throw new AppError(
          'conflict',
          'The workflow is not published: publish it, or run the draft with "draft": true',
        );
      } else versionId = workflow.publishedVersionId;
      const settings =
        snapshot?.settings ??
        (versionId
          ? (JSON.parse((await deps.storage.versions.byId(versionId))!.workflowJson) as WorkflowJson).settings
          : {});
      const input: ExecutionInput = {
        triggerItems: body.items as Item[] | undefined,
        startNode: body.startNode,
        destinationNode: body.destinationNode,
        runNodeOnly: body.runNodeOnly,
        previousExecutionId: body.previousExecutionId,
        pinData: body.pinData as Record<string, Item[]> | undefined,
      };
      const { record } = await startExecution(deps, {
        workflowId: workflow.id,
        versionId,
        workflowJson: snapshot,
        settings,
        mode: body.draft ? 'manual' : 'api',
        createdBy: user.id,
        input,
        idempotencyKey: key ?? null,
      });
      const waitS = body.wait === true ? 60 : typeof body.wait === 'number' ? body.wait : 0;
      if (waitS > 0 && (await awaitFinal(deps, record.id, waitS * 1000))) {
        return c.json(executionView((await deps.storage.executions.get(record.id))!, true), 200);
      }
      c.header('Location', `/api/executions/${record.id}`);
      return c.json(executionView((await deps.storage.executions.get(record.id)) ?? record), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/executions',
      tags: ['executions'],
      request: { query: ExecutionListQuery },
      responses: { 200: json(paginated(ExecutionView)), ...errors(400, 401) },
    }),
    async (c) => {
      const { deps } = c.var;
      const q = c.req.valid('query');
      const rows = await deps.storage.executions.list({
        workflowIds: await visibleWorkflowIds(deps, c.var.user!),
        workflowId: q.workflowId,
        status: q.status,
        mode: q.mode,
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        limit: q.limit + 1,
        cursor: decodeCursor(q.cursor, isCursor),
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > q.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
      return c.json({ data: page.map((row) => executionView(row)), nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/executions/{id}',
      tags: ['executions'],
      description: 'Status, timings, per-node run data (n8n run-data shape, secrets redacted), error.',
      request: { params: Id },
      responses: { 200: json(ExecutionView), ...errors(401, 404) },
    }),
    async (c) => {
      const record = await authorizedExecution(c.var.deps, c.var.user!, c.req.valid('param').id, 'view');
      return c.json(executionView(record, true), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/executions/{id}/cancel',
      tags: ['executions'],
      description: 'Queued: removed. Running: aborted at the running node (within 1 s).',
      request: { params: Id },
      responses: { 200: json(CancelResult), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { deps } = c.var;
      const record = await authorizedExecution(deps, c.var.user!, c.req.valid('param').id, 'execute');
      const { queue, events } = servicesOf(deps);
      const outcome = await cancelExecution({ store: deps.storage.executions, queue, events }, record.id);
      if (outcome === 'not-found') throw notFound('Execution');
      return c.json({ id: record.id, outcome }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/executions/{id}/retry',
      tags: ['executions'],
      description: 'Runs the same input again, on the same version or the latest published one.',
      request: {
        params: Id,
        body: { required: false, content: { 'application/json': { schema: RetryBody } } },
      },
      responses: { 202: json(ExecutionView, 'Accepted'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { deps } = c.var;
      const user = c.var.user!;
      const old = await authorizedExecution(deps, user, c.req.valid('param').id, 'execute');
      const { version } = RetryBody.parse((await c.req.json().catch(() => ({}))) ?? {});
      const { workflow } = await authorizeWorkflow(deps, user, old.workflowId, 'execute');
      let versionId = old.versionId;
      let snapshot: WorkflowJson | null = null;
      if (version === 'latest') {
        if (!workflow.publishedVersionId) throw new AppError('conflict', 'The workflow is not published');
        versionId = workflow.publishedVersionId;
      } else if (!versionId) {
        snapshot = await deps.storage.executions.loadWorkflow(old);
        if (!snapshot) throw new AppError('conflict', 'The draft this execution ran is no longer stored');
      }
      const { record } = await startExecution(deps, {
        workflowId: old.workflowId,
        versionId,
        workflowJson: snapshot,
        mode: 'retry',
        createdBy: user.id,
        input: old.input ?? {},
        retryOf: old.id,
      });
      c.header('Location', `/api/executions/${record.id}`);
      return c.json(executionView(record), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/executions/{id}/replay',
      tags: ['executions'],
      description:
        "What-if: runs this execution's trigger input again against the current draft (default) or version n.",
      request: {
        params: Id,
        body: { required: false, content: { 'application/json': { schema: ReplayBody } } },
      },
      responses: {
        200: json(ExecutionView),
        202: json(ExecutionView, 'Accepted'),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { deps } = c.var;
      const user = c.var.user!;
      const old = await authorizedExecution(deps, user, c.req.valid('param').id, 'execute');
      const body = ReplayBody.parse((await c.req.json().catch(() => ({}))) ?? {});
      let versionId: string | null = null;
      let snapshot: WorkflowJson | null = null;
      if (body.version !== undefined) {
        const v = await deps.storage.versions.byNumber(old.workflowId, body.version);
        if (!v) throw notFound('Version');
        versionId = v.id;
      } else snapshot = await deps.drafts.read(old.workflowId);
      const { record } = await startExecution(deps, {
        workflowId: old.workflowId,
        versionId,
        workflowJson: snapshot,
        mode: 'replay',
        createdBy: user.id,
        input: old.input ?? {},
        retryOf: old.id,
      });
      if (body.wait !== false && (await awaitFinal(deps, record.id, 60_000))) {
        return c.json(executionView((await deps.storage.executions.get(record.id))!, true), 200);
      }
      c.header('Location', `/api/executions/${record.id}`);
      return c.json(executionView(record), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/executions/{a}/compare/{b}',
      tags: ['executions'],
      description: "Per-node, per-item diff of two executions' outputs.",
      request: { params: z.object({ a: z.string().max(64), b: z.string().max(64) }) },
      responses: {
        200: json(z.object({ a: z.string(), b: z.string(), nodes: z.array(z.unknown()) })),
        ...errors(401, 404),
      },
    }),
    async (c) => {
      const { deps } = c.var;
      const { a, b } = c.req.valid('param');
      const [ra, rb] = await Promise.all(
        [a, b].map((id) => authorizedExecution(deps, c.var.user!, id, 'view')),
      );
      const nodes = compareRuns(
        (redact(ra.runData) as RunData | null) ?? {},
        (redact(rb.runData) as RunData | null) ?? {},
      );
      return c.json({ a, b, nodes }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/executions/{id}',
      tags: ['executions'],
      request: { params: Id },
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const { deps } = c.var;
      const record = await authorizedExecution(deps, c.var.user!, c.req.valid('param').id, 'edit');
      if (!isFinal(record.status)) throw new AppError('conflict', 'Cancel the execution before deleting it');
      await deps.storage.executions.remove(record.id);
      return c.json({ ok: true }, 200);
    },
  );
