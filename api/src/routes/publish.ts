import { createRoute, z } from '@hono/zod-openapi';
import type { VersionRow, WorkflowRow } from '@tandem/api/storage';
import { PublishResult, VersionDetail, VersionSummary, WorkflowJson } from '@tandem/shared/schema';
import { type ScheduleFire, schedulesOf } from '@tandem/worker';
import { authorizeWorkflow } from '../authz.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, router } from '../openapi.ts';
import { servicesOf, startExecution } from './executions.ts';
import { iso } from './views.ts';
import { checkPublishableWebhooks, webhookRegistry, webhooksOf } from './webhook-registry.ts';

/**
 * The set of published workflows changed (publish, unpublish, archive, restore): this instance's webhook routes and
 * AI recommender read it again at their next use (other instances within their own re-read).
 */
export function publishedChanged(deps: AppDeps): void {
  webhookRegistry(deps).invalidate();
  deps.ai.publishedWorkflowsChanged();
}

/**
 * Registers the schedules a workflow should have now: its published version's, or none when it is unpublished or
 * archived (archive and restore; publish and unpublish pass theirs to the scheduler directly).
 */
export async function syncSchedules(
  deps: AppDeps,
  workflow: Pick<WorkflowRow, 'id' | 'publishedVersionId' | 'archived'>,
): Promise<void> {
  const versionId = workflow.archived ? null : workflow.publishedVersionId;
  const version = versionId ? await deps.storage.versions.byId(versionId) : undefined;
  const schedules = version
    ? schedulesOf(workflow.id, JSON.parse(version.workflowJson), { publishedAt: version.createdAt })
    : [];
  await servicesOf(deps).scheduler.syncWorkflow(workflow.id, schedules);
}

const Id = z.object({ id: z.string().max(64) });
const IdN = Id.extend({ n: z.coerce.number().int().min(1) });

const versionView = (v: Omit<VersionRow, 'workflowJson'>, publishedId: string | null) => ({
  id: v.id,
  workflowId: v.workflowId,
  number: v.number,
  authorId: v.authorId,
  createdAt: iso(v.createdAt)!,
  published: v.id === publishedId,
});

/**
 * Schedule fires become executions of the workflow's published version. The fire id is the idempotency key,
 * so a re-delivered fire job never starts a second execution for one tick.
 */
export function onScheduleFire(deps: AppDeps) {
  return async (fire: ScheduleFire): Promise<void> => {
    const workflow = await deps.storage.workflows.byId(fire.workflowId);
    // Unpublish and archive unregister the schedules; this still stops a fire already taken by a worker, or one
    // of a schedule a racing publish registered again.
    if (!workflow?.publishedVersionId || workflow.archived) return;
    const version = await deps.storage.versions.byId(workflow.publishedVersionId);
    const json = version ? (JSON.parse(version.workflowJson) as WorkflowJson) : null;
    await startExecution(deps, {
      workflowId: workflow.id,
      versionId: workflow.publishedVersionId,
      settings: json?.settings,
      mode: 'schedule',
      createdBy: null,
      input: {
        startNode: fire.nodeName,
        triggerItems: [{ json: { timestamp: new Date(fire.tickAt).toISOString() } }],
      },
      idempotencyKey: `schedule:${fire.fireId}`.slice(0, 255),
    });
  };
}

/** Registers the schedules of every published workflow (start of a worker/embedded process; idempotent). */
export async function syncAllSchedules(deps: AppDeps): Promise<void> {
  const { scheduler } = servicesOf(deps);
  for (const p of await deps.storage.executions.publishedWorkflows()) {
    try {
      await scheduler.syncWorkflow(
        p.workflowId,
        schedulesOf(p.workflowId, JSON.parse(p.workflowJson), { publishedAt: p.publishedAt }),
      );
    } catch (err) {
      deps.logger.warn({ err, workflowId: p.workflowId }, 'could not register schedules');
    }
  }
}

const r = router();
r.use('/workflows/:id/publish', requireUser());
r.use('/workflows/:id/unpublish', requireUser());
r.use('/workflows/:id/versions', requireUser());
r.use('/workflows/:id/versions/*', requireUser());

export const publishRoutes = r
  .openapi(
    createRoute({
      method: 'post',
      path: '/workflows/{id}/publish',
      tags: ['versions'],
      description:
        'Validates the draft and freezes it into the next numbered version; webhooks and schedules switch to it.',
      request: { params: Id },
      responses: { 201: json(PublishResult), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { deps } = c.var;
      const user = c.var.user!;
      const { workflow } = await authorizeWorkflow(deps, user, c.req.valid('param').id, 'edit');
      const parsed = WorkflowJson.safeParse(await deps.drafts.read(workflow.id));
      if (!parsed.success) {
        throw new AppError('validation_failed', 'The draft is not a valid workflow', parsed.error.issues);
      }
      const draft = { ...parsed.data, id: workflow.id };
      try {
        schedulesOf(workflow.id, draft);
      } catch (err) {
        throw new AppError('validation_failed', (err as Error).message);
      }
      const hooks = webhooksOf(draft);
      await checkPublishableWebhooks(deps, workflow.id, hooks);
      const version = await deps.storage.versions.create(workflow.id, JSON.stringify(draft), user.id);
      await deps.storage.workflows.update(workflow.id, { publishedVersionId: version.id });
      const schedules = schedulesOf(workflow.id, draft, { publishedAt: version.createdAt });
      await servicesOf(deps).scheduler.syncWorkflow(workflow.id, schedules);
      publishedChanged(deps);
      await deps.storage.audit.record({
        userId: user.id,
        action: 'workflow.publish',
        targetType: 'workflow',
        targetId: workflow.id,
      });
      return c.json(
        {
          version: versionView(version, version.id),
          webhooks: hooks.map((h) => ({ method: h.method, path: h.path, node: h.node.name })),
          schedules: schedules.length,
        },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/workflows/{id}/unpublish',
      tags: ['versions'],
      description: 'Stops its webhooks and schedules; versions are kept.',
      request: { params: Id },
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { deps } = c.var;
      const { workflow } = await authorizeWorkflow(deps, c.var.user!, c.req.valid('param').id, 'edit');
      await deps.storage.workflows.update(workflow.id, { publishedVersionId: null });
      await servicesOf(deps).scheduler.syncWorkflow(workflow.id, []);
      publishedChanged(deps);
      await deps.storage.audit.record({
        userId: c.var.user!.id,
        action: 'workflow.unpublish',
        targetType: 'workflow',
        targetId: workflow.id,
      });
      return c.json({ ok: true }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/workflows/{id}/versions',
      tags: ['versions'],
      request: { params: Id },
      responses: { 200: json(z.object({ data: z.array(VersionSummary) })), ...errors(401, 404) },
    }),
    async (c) => {
      const { deps } = c.var;
      const { workflow } = await authorizeWorkflow(deps, c.var.user!, c.req.valid('param').id, 'view');
      const rows = await deps.storage.versions.list(workflow.id);
      return c.json({ data: rows.map((v) => versionView(v, workflow.publishedVersionId)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/workflows/{id}/versions/{n}',
      tags: ['versions'],
      request: { params: IdN },
      responses: { 200: json(VersionDetail), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { deps } = c.var;
      const { id, n } = c.req.valid('param');
      const { workflow } = await authorizeWorkflow(deps, c.var.user!, id, 'view');
      const v = await deps.storage.versions.byNumber(workflow.id, n);
      if (!v) throw notFound('Version');
      return c.json(
        { ...versionView(v, workflow.publishedVersionId), workflow: JSON.parse(v.workflowJson) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/workflows/{id}/versions/{n}/restore',
      tags: ['versions'],
      description:
        'Makes the draft equal to version n (one transaction on the live document). Does not publish.',
      request: { params: IdN },
      responses: {
        200: json(z.object({ ok: z.boolean(), restored: z.number() })),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { deps } = c.var;
      const { id, n } = c.req.valid('param');
      const user = c.var.user!;
      const { workflow } = await authorizeWorkflow(deps, user, id, 'edit');
      const v = await deps.storage.versions.byNumber(workflow.id, n);
      if (!v) throw notFound('Version');
      await deps.drafts.write(
        workflow.id,
        { ...(JSON.parse(v.workflowJson) as WorkflowJson), id: workflow.id },
        user.id,
      );
      return c.json({ ok: true, restored: n }, 200);
    },
  );
