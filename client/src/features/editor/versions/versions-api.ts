import type { WorkflowJson } from '@tandem/shared/schema';
import { api, type Page } from '../../../api/client.ts';

export interface VersionSummary {
  id: string;
  number: number;
  authorId?: string;
  authorName?: string;
  createdAt?: string;
  note?: string;
}

/** GET /api/workflows/{id}/versions. */
export async function listVersions(workflowId: string): Promise<VersionSummary[]> {
  const res = await api<Page<VersionSummary> | VersionSummary[]>(
    `/workflows/${encodeURIComponent(workflowId)}/versions`,
  );
  return Array.isArray(res) ? res : res.data;
}

/** GET /api/workflows/{id}/versions/{n}: the frozen workflow JSON. */
export async function fetchVersion(workflowId: string, n: number): Promise<WorkflowJson> {
  const res = await api<{ workflow?: WorkflowJson } & Partial<WorkflowJson>>(
    `/workflows/${encodeURIComponent(workflowId)}/versions/${n}`,
  );
  const wf = (res.workflow ?? res) as WorkflowJson;
  return {
    ...wf,
    nodes: Array.isArray(wf.nodes) ? wf.nodes : [],
    connections: wf.connections ?? {},
    settings: wf.settings ?? {},
  };
}

/** POST /api/workflows/{id}/publish. */
export function publish(workflowId: string): Promise<VersionSummary> {
  return api<VersionSummary>(`/workflows/${encodeURIComponent(workflowId)}/publish`, {
    method: 'POST',
    body: {},
  });
}

/** POST /api/workflows/{id}/versions/{n}/restore: the draft becomes that version (one transaction). */
export function restoreVersion(workflowId: string, n: number): Promise<unknown> {
  return api<unknown>(`/workflows/${encodeURIComponent(workflowId)}/versions/${n}/restore`, {
    method: 'POST',
    body: {},
  });
}
