import { createRoute, z } from '@hono/zod-openapi';
import type { WorkflowRole, WorkflowRow } from '@tandem/api/storage';
import {
  ImportReport,
  ListQuery,
  paginated,
  WorkflowCreateBody,
  WorkflowJson,
  WorkflowSummary,
  WorkflowUpdateBody,
  WorkflowView,
} from '@tandem/shared/schema';
import { newId } from '@tandem/shared/util';
import { authorizeWorkflow } from '../authz.ts';
import type { AppDeps, AuthedUser } from '../deps.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';
import { importWorkflow } from '../workflow-import.ts';
import { publishedChanged, syncSchedules } from './publish.ts';
import { decodeCursor, encodeCursor, iso } from './views.ts';

const Id = z.object({ id: z.string().max(64) });
const WorkflowListQuery = ListQuery.extend({
  /** Any part of the name, in any case; `%` and `_` are plain characters. */
  name: z.string().max(256).optional(),
  archived: z.enum(['true', 'false']).optional(),
});
const isCursor = (v: unknown): v is { updatedAt: number; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { updatedAt: unknown }).updatedAt === 'number' &&
  typeof (v as { id: unknown }).id === 'string';

function summary(row: WorkflowRow, role: WorkflowRole) {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.ownerId,
    role,
    publishedVersionId: row.publishedVersionId,
    archived: row.archived,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

async function createWorkflow(deps: AppDeps, user: AuthedUser, wf: WorkflowJson) {
  const now = Date.now();
  const row: WorkflowRow = {
    id: newId(),
    name: wf.name,
    ownerId: user.id,
    createdAt: now,
    updatedAt: now,
    publishedVersionId: null,
    archived: false,
  };
  await deps.storage.workflows.create(row);
  await deps.drafts.create(row.id, { ...wf, id: row.id }, user.id);
  await deps.storage.audit.record({
    userId: user.id,
    action: 'workflow.create',
    targetType: 'workflow',
    targetId: row.id,
  });
  return row;
}

const r = router();
r.use('/workflows/*', requireUser());
r.use('/workflows', requireUser());

/** Archive or restore: only who may manage the workflow; recorded in the audit log. */
async function setArchived(deps: AppDeps, user: AuthedUser, id: string, archived: boolean) {
  const { workflow } = await authorizeWorkflow(deps, user, id, 'manage');
  await deps.storage.workflows.update(workflow.id, { archived });
  // Only published, unarchived workflows answer webhooks, fire schedules and teach the recommender.
  if (workflow.publishedVersionId) {
    publishedChanged(deps);
    await syncSchedules(deps, { ...workflow, archived });
  }
  await deps.storage.audit.record({
    userId: user.id,
    action: archived ? 'workflow.archive' : 'workflow.unarchive',
    targetId: workflow.id,
  });
  return { ok: true };
}

export const workflowRoutes = r
  .openapi(
    createRoute({
      method: 'get',
      path: '/workflows',
      tags: ['workflows'],
      request: { query: WorkflowListQuery },
      responses: { 200: json(paginated(WorkflowSummary)), ...errors(400, 401) },
    }),
    async (c) => {
      const { storage } = c.var.deps;
      const user = c.var.user!;
      const q = c.req.valid('query');
      const rows = await storage.workflows.list({
        userId: user.id,
        all: user.role === 'admin',
        name: q.name,
        archived: q.archived === 'true',
        limit: q.limit + 1,
        cursor: decodeCursor(q.cursor, isCursor),
      });
      const page = rows.slice(0, q.limit);
      // Admins act as owners; everyone else gets the whole page's roles in one query.
      const ids = page.map((r) => r.id);
      const roles = user.role === 'admin' ? undefined : await storage.workflows.withRoleOf(ids, user.id);
      const lastRuns = await storage.executions.latestOf(ids);
      const data = page.map((r) => {
        const run = lastRuns.get(r.id);
        return {
          ...summary(r, roles ? (roles.get(r.id)?.role ?? 'viewer') : 'owner'),
          lastExecution: run ? { id: run.id, status: run.status, startedAt: iso(run.startedAt) } : null,
        };
      });
      const last = page.at(-1);
      const nextCursor =
        rows.length > q.limit && last ? encodeCursor({ updatedAt: last.updatedAt, id: last.id }) : null;
      return c.json({ data, nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/workflows',
      tags: ['workflows'],
      request: { body: jsonBody(WorkflowCreateBody) },
      responses: { 201: json(WorkflowView), ...errors(400, 401, 415) },
    }),
    async (c) => {
      const row = await createWorkflow(c.var.deps, c.var.user!, WorkflowJson.parse(c.req.valid('json')));
      const draft = await c.var.deps.drafts.read(row.id);
      return c.json({ ...draft, ...summary(row, 'owner') }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/workflows/import',
      tags: ['workflows'],
      description:
        'Imports an n8n workflow export unchanged. Unsupported nodes are kept, disabled and listed.',
      request: { body: jsonBody(WorkflowJson) },
      responses: {
        201: json(z.object({ workflow: WorkflowView, report: ImportReport })),
        ...errors(400, 401, 415),
      },
    }),
    async (c) => {
      const { workflow, report } = await importWorkflow(c.var.deps.storage, c.req.valid('json'));
      const row = await createWorkflow(c.var.deps, c.var.user!, workflow);
      const draft = await c.var.deps.drafts.read(row.id);
      return c.json({ workflow: { ...draft, ...summary(row, 'owner') }, report }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/workflows/{id}',
      tags: ['workflows'],
      request: { params: Id },
      responses: { 200: json(WorkflowView), ...errors(401, 404) },
    }),
    async (c) => {
      const { workflow, role } = await authorizeWorkflow(
        c.var.deps,
        c.var.user!,
        c.req.valid('param').id,
        'view',
      );
      const draft = await c.var.deps.drafts.read(workflow.id);
      return c.json({ ...draft, ...summary(workflow, role), name: draft.name }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/workflows/{id}',
      tags: ['workflows'],
      description:
        'Replaces the draft; applied to the live document as one transaction, so open editors see it.',
      request: { params: Id, body: jsonBody(WorkflowUpdateBody) },
      responses: { 200: json(WorkflowView), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => {
      const { deps } = c.var;
      const { workflow, role } = await authorizeWorkflow(deps, c.var.user!, c.req.valid('param').id, 'edit');
      const body = c.req.valid('json');
      await deps.drafts.write(workflow.id, { ...body, id: workflow.id }, c.var.user!.id);
      await deps.storage.workflows.update(workflow.id, { name: body.name });
      const draft = await deps.drafts.read(workflow.id);
      return c.json(
        { ...draft, ...summary({ ...workflow, name: body.name, updatedAt: Date.now() }, role) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/workflows/{id}',
      tags: ['workflows'],
      description: 'Archives the workflow (its data is kept; it stops triggering).',
      request: { params: Id },
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await setArchived(c.var.deps, c.var.user!, c.req.valid('param').id, true), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/workflows/{id}/unarchive',
      tags: ['workflows'],
      description: 'Restores an archived workflow: editable and runnable again.',
      request: { params: Id },
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await setArchived(c.var.deps, c.var.user!, c.req.valid('param').id, false), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/workflows/{id}/export',
      tags: ['workflows'],
      description: 'The draft in n8n workflow export format.',
      request: { params: Id },
      responses: { 200: json(WorkflowJson), ...errors(401, 404) },
    }),
    async (c) => {
      const { workflow } = await authorizeWorkflow(c.var.deps, c.var.user!, c.req.valid('param').id, 'view');
      const draft = await c.var.deps.drafts.read(workflow.id);
      c.header('Content-Disposition', `attachment; filename="${encodeURIComponent(draft.name)}.json"`);
      return c.json(draft, 200);
    },
  );
