import { api, type Page } from '../../api/client.ts';
import type { ExecutionSummary } from '../../api/types.ts';
import { sinceToFrom } from './execution-filters.ts';

/**
 * Filters of the executions page; empty = any. `since`: a SINCE_CHOICES value; `data`: custom data, `name:value` or
 * `name` (the api's `data`).
 */
export type ExecutionFilter = {
  status: string;
  mode: string;
  workflowId: string;
  since: string;
  data: string;
};

/** One page of GET /api/executions, newest first. */
export function listExecutions(f: ExecutionFilter, cursor: string | null): Promise<Page<ExecutionSummary>> {
  return api<Page<ExecutionSummary>>('/executions', {
    query: {
      status: f.status || undefined,
      mode: f.mode || undefined,
      workflowId: f.workflowId || undefined,
      from: sinceToFrom(f.since),
      data: f.data || undefined,
      cursor: cursor ?? undefined,
      limit: 50,
    },
  });
}

/** POST /api/executions/{id}/retry on the same version; answers the new execution. */
export function retryExecution(id: string): Promise<ExecutionSummary> {
  return api<ExecutionSummary>(`/executions/${encodeURIComponent(id)}/retry`, {
    method: 'POST',
    body: { version: 'same' },
  });
}

/** DELETE /api/executions/{id} (a finished one). */
export function deleteExecution(id: string): Promise<void> {
  return api<void>(`/executions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
