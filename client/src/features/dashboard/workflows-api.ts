import { api, type Page } from '../../api/client.ts';
import type { ExecutionSummary, Health, SystemStatus, WorkflowSummary } from '../../api/types.ts';

/** GET /api/workflows, one page, optional name filter. */
export function listWorkflows(params: {
  name?: string;
  cursor?: string | null;
}): Promise<Page<WorkflowSummary>> {
  return api<Page<WorkflowSummary>>('/workflows', { query: { name: params.name, cursor: params.cursor } });
}

/** POST /api/workflows with an empty draft. */
export function createWorkflow(name: string): Promise<WorkflowSummary> {
  return api<WorkflowSummary>('/workflows', { method: 'POST', body: { name, nodes: [], connections: {} } });
}

/** POST /api/workflows/import with n8n/Tandem workflow JSON. */
export async function importWorkflow(json: unknown): Promise<WorkflowSummary> {
  const res = await api<{ workflow?: WorkflowSummary } & Partial<WorkflowSummary>>('/workflows/import', {
    method: 'POST',
    body: json,
  });
  return (res.workflow ?? res) as WorkflowSummary;
}

/** GET /api/workflows/{id}/export: the workflow JSON. */
export function exportWorkflow(id: string): Promise<Record<string, unknown>> {
  return api<Record<string, unknown>>(`/workflows/${encodeURIComponent(id)}/export`);
}

/** DELETE /api/workflows/{id}: archives. */
export function archiveWorkflow(id: string): Promise<void> {
  return api<void>(`/workflows/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Recent executions across the workflows the caller can see. */
export async function listRecentExecutions(): Promise<ExecutionSummary[]> {
  return (await api<Page<ExecutionSummary>>('/executions', { query: { limit: 10 } })).data;
}

/** GET /api/health (no auth). */
export function fetchHealth(): Promise<Health> {
  return api<Health>('/health');
}

/** Instance status (queue depth, workers, collab sessions); null when the server has no such endpoint. */
export async function fetchSystemStatus(): Promise<SystemStatus | null> {
  try {
    return await api<SystemStatus>('/system/status');
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
}

export type SortKey = 'updated' | 'name' | 'created';

/**
 * Sorts workflow summaries for the list (newest first, or by name).
 * @example sortWorkflows(list, 'name')
 */
export function sortWorkflows(list: WorkflowSummary[], key: SortKey): WorkflowSummary[] {
  const time = (s?: string) => (s ? new Date(s).getTime() || 0 : 0);
  const copy = [...list];
  if (key === 'name') copy.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  else if (key === 'created') copy.sort((a, b) => time(b.createdAt) - time(a.createdAt));
  else copy.sort((a, b) => time(b.updatedAt ?? b.createdAt) - time(a.updatedAt ?? a.createdAt));
  return copy;
}

/** Saves JSON as a file download in the browser. */
export function downloadJson(filename: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file-system-safe name for an exported workflow. */
export function exportFileName(name: string): string {
  const base = name
    .replace(/[^\w\- ]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${base || 'workflow'}.json`;
}
