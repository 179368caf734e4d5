import type { ErrorWorkflowItem } from '@tandem/shared/engine';
import { can } from './authz.ts';
import type { AppDeps } from './deps.ts';
import { startExecution } from './routes/executions.ts';

/**
 * Starts the error workflow named in a failed workflow's settings, as an execution of its own (mode `error`) whose
 * Error Trigger receives `item`. Runs its published version (else its draft), and only if the failed workflow's owner
 * may execute it.
 */
export async function runErrorWorkflow(
  deps: AppDeps,
  failedWorkflowId: string,
  errorWorkflowId: string,
  item: ErrorWorkflowItem,
) {
  const [failed, target] = await Promise.all([
    deps.storage.workflows.byId(failedWorkflowId),
    deps.storage.workflows.byId(errorWorkflowId),
  ]);
  const role = failed && target ? await deps.storage.workflows.roleOf(target.id, failed.ownerId) : undefined;
  if (!target || target.archived || !role || !can(role, 'execute')) {
    deps.logger.warn({ errorWorkflowId, failedWorkflowId }, 'error workflow not found or not allowed');
    return;
  }
  await startExecution(deps, {
    workflowId: target.id,
    versionId: target.publishedVersionId,
    workflowJson: target.publishedVersionId ? null : await deps.drafts.read(target.id),
    mode: 'error',
    createdBy: null,
    parentExecutionId: item.execution.id,
    input: { triggerItems: [{ json: item as unknown as Record<string, unknown> }] },
  });
}
