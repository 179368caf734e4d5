import { isDeepStrictEqual } from 'node:util';
import { createRoute, z } from '@hono/zod-openapi';
import type { Item } from '@tandem/shared/engine';
import {
  CancelResult,
  ExecuteBody,
  ExecutionListQuery,
  type ExecutionMode,
  ExecutionView,
  paginated,
  parseCustomDataFilter,
  type WorkflowJson,
} from '@tandem/shared/schema';
import { cancelExecution, type ExecutionInput, type ExecutionRecord, isFinal } from '@tandem/worker';
import { authorizeWorkflow } from '../authz.ts';
import { AppError, notFound } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';
import { executionEventRoutes } from './executions-events.ts';
import { checkNodeNames, checkPreviousExecution } from './executions-input.ts';
import { executionReplayRoutes } from './executions-replay.ts';
import { awaitFinal, servicesOf, startExecution } from './executions-start.ts';
import {
  authorizedExecution,
  executionAnswer,
  executionView,
  mayChangeRuns,
  mayHaveCustomData,
} from './executions-view.ts';
import { decodeCursor, encodeCursor } from './views.ts';

// The rest of the api (publish, webhooks, sub-workflows, node runtime) imports these from here.
export { awaitFinal, servicesOf, startExecution } from './executions-start.ts';
export { executionView, redact } from './executions-view.ts';

const Id = z.object({ id: z.string().max(64) });

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** Whether an execution an idempotency key already started was asked for with this mode and input. */
function sameRequest(record: ExecutionRecord, mode: ExecutionMode, input: ExecutionInput) {
  // A Wait node's resume adds its items to the stored input.
  const { resumeItems: _, ...asked } = record.input ?? {};
  return record.mode === mode && isDeepStrictEqual(asked, JSON.parse(JSON.stringify(input)));
}

const isCursor = (v: unknown): v is { createdAt: number; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { createdAt: unknown }).createdAt === 'number' &&
  typeof (v as { id: unknown }).id === 'string';

const r = router();
r.use('/executions/*', requireUser());
r.use('/executions', requireUser());
r.use('/workflows/:id/execute', requireUser());

export const executionRoutes = r
  .route('/', executionEventRoutes)
  .route('/', executionReplayRoutes)
  .openapi(
    createRoute({
      method: 'post',
      path: '/workflows/{id}/execute',
      tags: ['executions'],
      description:
        'Runs the published version (or the draft with `draft: true`). `wait` answers the result inline (200), else 202 + Location. ' +
        '`Idempotency-Key` (1..255 printable ASCII characters, per workflow): a repeat with the same body (`wait` aside) answers the execution the key started; ' +
        'with another body it is refused with 422 `unprocessable` (`details.executionId` names that execution), as Stripe and the IETF Idempotency-Key draft do.',
      request: { params: Id, body: jsonBody(ExecuteBody) },
      responses: {
        200: json(ExecutionView),
        202: json(ExecutionView, 'Accepted'),
        ...errors(400, 401, 403, 404, 409, 413, 422),
      },
    }),
    async (c) => {
      const { deps } = c.var;
      const user = c.var.user!;
      const { workflow } = await authorizeWorkflow(deps, user, c.req.valid('param').id, 'execute');
      const body = c.req.valid('json');
      const key = c.req.header('idempotency-key');
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw new AppError('validation_failed', 'Idempotency-Key must be 1..255 printable ASCII characters');
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
      const runs =
        snapshot ??
        (JSON.parse((await deps.storage.versions.byId(versionId!))!.workflowJson) as WorkflowJson);
      checkNodeNames(runs, body);
      await checkPreviousExecution(deps.storage.executions, workflow.id, body);
      const input: ExecutionInput = {
        triggerItems: body.items as Item[] | undefined,
        startNode: body.startNode,
        destinationNode: body.destinationNode,
        runNodeOnly: body.runNodeOnly,
        previousExecutionId: body.previousExecutionId,
        pinData: body.pinData as Record<string, Item[]> | undefined,
      };
      const mode = body.draft ? 'manual' : 'api';
      const { record, created } = await startExecution(deps, {
        workflowId: workflow.id,
        versionId,
        workflowJson: snapshot,
        settings: runs.settings,
        mode,
        createdBy: user.id,
        input,
        idempotencyKey: key ?? null,
      });
      if (!created && !sameRequest(record, mode, input)) {
        throw new AppError(
          'unprocessable',
          'This Idempotency-Key was used with another request body: use a new key for a new request',
          { executionId: record.id },
        );
      }
      const waitS = body.wait === true ? 60 : typeof body.wait === 'number' ? body.wait : 0;
      if (waitS > 0 && (await awaitFinal(deps, record.id, waitS * 1000))) {
        return c.json(
          await executionAnswer(deps, (await deps.storage.executions.get(record.id))!, true),
          200,
        );
      }
      c.header('Location', `/api/executions/${record.id}`);
      return c.json(
        await executionAnswer(deps, (await deps.storage.executions.get(record.id)) ?? record),
        202,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/executions',
      tags: ['executions'],
      description:
        'Runs of the workflows you may see, newest first, with cursor paging. Filters: workflowId, status, mode, ' +
        'from/to (createdAt), and data, the custom data a run saved with an Execution Data node: ' +
        '`data=orderId:42` = runs whose `orderId` is exactly `42`; `data=orderId` = runs that set `orderId` ' +
        '(split at the first `:`; name 1–50 characters, value at most 255; otherwise 400).',
      request: { query: ExecutionListQuery },
      responses: { 200: json(paginated(ExecutionView)), ...errors(400, 401) },
    }),
    async (c) => {
      const { deps } = c.var;
      const user = c.var.user!;
      const q = c.req.valid('query');
      const rows = await deps.storage.executions.list({
        visibleTo: user.role === 'admin' ? undefined : user.id,
        workflowId: q.workflowId,
        status: q.status,
        mode: q.mode,
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        data: q.data ? (parseCustomDataFilter(q.data) ?? undefined) : undefined,
        limit: q.limit + 1,
        cursor: decodeCursor(q.cursor, isCursor),
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > q.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
      const workflows = await deps.storage.workflows.withRoleOf(
        [...new Set(page.map((r) => r.workflowId))],
        user.id,
      );
      const customData = await deps.storage.executions.customDataOf(
        page.filter(mayHaveCustomData).map((r) => r.id),
      );
      const data = page.map((row) => {
        const workflow = workflows.get(row.workflowId);
        return {
          ...executionView(row),
          customData: customData.get(row.id) ?? {},
          workflowName: workflow?.name,
          canEdit: workflow !== undefined && mayChangeRuns(user, workflow),
        };
      });
      return c.json({ data, nextCursor }, 200);
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
      return c.json(await executionAnswer(c.var.deps, record, true), 200);
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
