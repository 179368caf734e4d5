import type { Item, NodeOutput, RunData, SubWorkflowRequest, SubWorkflowResult } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import { newTimeId } from '@tandem/shared/util';
import type { ExecutionRecord, ExecutionRunner } from '@tandem/worker';
import { can } from './authz.ts';
import type { AppDeps } from './deps.ts';
import { startExecution } from './routes/executions.ts';

/** Output of the node that finished last (n8n: the sub-workflow's result). */
function lastOutput(runData: RunData | null): NodeOutput {
  let best: { end: number; out: NodeOutput } | undefined;
  for (const runs of Object.values(runData ?? {})) {
    const t = runs.at(-1);
    if (t && (!best || t.startTime + t.executionTime >= best.end))
      best = { end: t.startTime + t.executionTime, out: t.data.main };
  }
  return best?.out ?? [[]];
}

/**
 * `EngineServices.runSubWorkflow`: each sub-workflow run is an execution of its own (mode `subworkflow`, linked by
 * `parentExecutionId`). Waited-for runs execute inline in this worker — no queue slot is needed, so parents
 * waiting for children cannot starve the pool; fire-and-forget runs are queued. The parent's workflow owner must
 * be allowed to run the target workflow.
 */
export function subWorkflowService(deps: AppDeps, runner: () => ExecutionRunner, parent: ExecutionRecord) {
  return async (req: SubWorkflowRequest): Promise<SubWorkflowResult> => {
    const parentWorkflow = await deps.storage.workflows.byId(parent.workflowId);
    let workflowId = parent.workflowId;
    let versionId: string | null = null;
    let snapshot: WorkflowJson | null = null;
    if (req.workflow) snapshot = req.workflow;
    else if (req.workflowId) {
      const target = await deps.storage.workflows.byId(req.workflowId);
      // The parent runs as its owner, who must be allowed to execute the target as a member of it. No admin
      // shortcut: whoever can edit an admin's workflow would otherwise reach every workflow through it.
      const role =
        target && parentWorkflow
          ? await deps.storage.workflows.roleOf(target.id, parentWorkflow.ownerId)
          : undefined;
      const allowed = target && !target.archived && role !== undefined && can(role, 'execute');
      if (!target || !allowed) throw new NonRetriableError(`Sub-workflow ${req.workflowId} not found`);
      workflowId = target.id;
      if (target.publishedVersionId) versionId = target.publishedVersionId;
      else snapshot = await deps.drafts.read(target.id);
    } else throw new NonRetriableError('No sub-workflow given');
    const input = { triggerItems: req.items };
    if (!req.waitForCompletion) {
      const { record } = await startExecution(deps, {
        workflowId,
        versionId,
        workflowJson: snapshot,
        mode: 'subworkflow',
        createdBy: null,
        input,
        parentExecutionId: req.parentExecutionId,
      });
      return { executionId: record.id, data: [req.items] };
    }
    const { record } = await deps.storage.executions.create({
      id: newTimeId(),
      workflowId,
      versionId,
      workflowJson: snapshot,
      mode: 'subworkflow',
      createdBy: null,
      input,
      parentExecutionId: req.parentExecutionId,
    });
    await runner().handle({ executionId: record.id, attempt: 1, signal: req.signal });
    const done = await deps.storage.executions.get(record.id);
    if (done?.status === 'failed') {
      throw new Error(`Sub-workflow execution ${record.id} failed: ${done.error?.message ?? 'error'}`);
    }
    if (done?.status !== 'succeeded')
      throw new Error(`Sub-workflow execution ${record.id} ended ${done?.status}`);
    return { executionId: record.id, data: lastOutput(done.runData) as (Item[] | null)[] };
  };
}
