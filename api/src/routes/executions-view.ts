import type { ExecutionSummaryRow, WorkflowWithRole } from '@tandem/api/storage';
import type { ExecutionView } from '@tandem/shared/schema';
import type { ExecutionRecord } from '@tandem/worker';
import { allows, authorizeWorkflow } from '../authz.ts';
import type { AppDeps, AuthedUser } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { iso } from './views.ts';

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
 * Whether a run may have saved custom data: any run past `queued` (its checkpoints, its park and its final write
 * store it); a queued run has not started, so reading it would only cost a query.
 */
export const mayHaveCustomData = (r: { status: ExecutionView['status'] }) => r.status !== 'queued';

/**
 * executionView with the run's `customData` ({} when none), read in one query only when the run may have some.
 * @example return c.json(await executionAnswer(deps, record, true), 200);
 */
export async function executionAnswer(
  deps: AppDeps,
  r: ExecutionRecord,
  withRunData = false,
): Promise<ExecutionView> {
  const customData = mayHaveCustomData(r)
    ? ((await deps.storage.executions.customDataOf([r.id])).get(r.id) ?? {})
    : {};
  return { ...executionView(r, withRunData), customData };
}

/** The execution, when the caller may do `action` on its workflow; 404 when they cannot see the workflow. */
export async function authorizedExecution(
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

/**
 * Whether the caller may retry, cancel and delete the runs of `workflow`: what those routes ask of
 * authorizedExecution ('execute', and 'edit' to delete), answered from a workflow loaded for a whole page of runs.
 */
export function mayChangeRuns(user: AuthedUser, workflow: WorkflowWithRole): boolean {
  return allows(user, workflow, 'execute') && allows(user, workflow, 'edit');
}
