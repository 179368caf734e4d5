import { ApiError, api, type Page } from '../../../api/client.ts';
import type { ExecutionSummary } from '../../../api/types.ts';
import type { ExecutionDetail } from './run-data.ts';

/** Options of an editor run. */
export interface RunOptions {
  /** Start from this node instead of the trigger. */
  startNode?: string;
  /** Run only what leads up to this node. */
  destinationNode?: string;
  /** With destinationNode: that node alone, on `previousExecutionId`'s data. */
  runNodeOnly?: boolean;
  previousExecutionId?: string;
}

/** What the editor says when the run "Run this node" takes its input from is gone (deleted, pruned by retention). */
export const PREVIOUS_RUN_GONE =
  'The last run, whose data “Run this node” reuses, no longer exists: run the workflow (or “Run to here”) first.';

/** POST /api/workflows/{id}/execute on the draft; answers the new execution's id. */
export async function executeDraft(workflowId: string, opts: RunOptions): Promise<string> {
  const res = await api<{ id?: string; executionId?: string }>(
    `/workflows/${encodeURIComponent(workflowId)}/execute`,
    {
      method: 'POST',
      body: { draft: true, ...opts },
    },
  ).catch((e: unknown) => {
    if (e instanceof ApiError && e.fieldErrors().previousExecutionId) throw new Error(PREVIOUS_RUN_GONE);
    throw e;
  });
  const id = res?.executionId ?? res?.id;
  if (!id) throw new Error('The server did not return an execution id.');
  return id;
}

/** GET /api/executions/{id}. */
export function fetchExecution(id: string): Promise<ExecutionDetail> {
  return api<ExecutionDetail>(`/executions/${encodeURIComponent(id)}`);
}

/** POST /api/executions/{id}/cancel. */
export function cancelExecution(id: string): Promise<void> {
  return api<void>(`/executions/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: {} });
}

/** GET /api/executions?workflow={id}. */
export async function listWorkflowExecutions(workflowId: string): Promise<ExecutionSummary[]> {
  return (await api<Page<ExecutionSummary>>('/executions', { query: { workflowId, limit: 30 } })).data;
}
