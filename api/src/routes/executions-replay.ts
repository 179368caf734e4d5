import { createRoute, z } from '@hono/zod-openapi';
import type { RunData } from '@tandem/shared/engine';
import { ExecutionView, ReplayBody, RetryBody, type WorkflowJson } from '@tandem/shared/schema';
import { compareRuns, isFinal } from '@tandem/worker';
import { authorizeWorkflow } from '../authz.ts';
import { AppError, notFound } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, router } from '../openapi.ts';
import { awaitFinal, startExecution } from './executions-start.ts';
import { authorizedExecution, executionAnswer, redact } from './executions-view.ts';

const Id = z.object({ id: z.string().max(64) });

const r = router();
r.use('/executions/*', requireUser());

/** Runs of a past execution's input again (retry, what-if replay) and the diff of two runs. */
export const executionReplayRoutes = r
  .openapi(
    createRoute({
      method: 'post',
      path: '/executions/{id}/retry',
      tags: ['executions'],
      description:
        'Runs the same input again, on the same version or the latest published one. A run not yet finished: 409.',
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
      if (!isFinal(old.status)) {
        throw new AppError(
          'conflict',
          `The execution is ${old.status}: wait for it to finish, or cancel it, first`,
        );
      }
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
      return c.json(await executionAnswer(deps, record), 202);
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
        return c.json(
          await executionAnswer(deps, (await deps.storage.executions.get(record.id))!, true),
          200,
        );
      }
      c.header('Location', `/api/executions/${record.id}`);
      return c.json(await executionAnswer(deps, record), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/executions/{a}/compare/{b}',
      tags: ['executions'],
      description: "Per-node, per-item diff of two executions' outputs; both of the same workflow, else 422.",
      request: { params: z.object({ a: z.string().max(64), b: z.string().max(64) }) },
      responses: {
        200: json(z.object({ a: z.string(), b: z.string(), nodes: z.array(z.unknown()) })),
        ...errors(401, 404, 422),
      },
    }),
    async (c) => {
      const { deps } = c.var;
      const { a, b } = c.req.valid('param');
      const [ra, rb] = await Promise.all(
        [a, b].map((id) => authorizedExecution(deps, c.var.user!, id, 'view')),
      );
      if (ra.workflowId !== rb.workflowId) {
        throw new AppError('unprocessable', 'Only executions of the same workflow can be compared');
      }
      const nodes = compareRuns(
        (redact(ra.runData) as RunData | null) ?? {},
        (redact(rb.runData) as RunData | null) ?? {},
      );
      return c.json({ a, b, nodes }, 200);
    },
  );
