import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { workflowKeys } from '../../api/query-keys.ts';
import type { WorkflowRole } from '../../api/types.ts';

export interface WorkflowMeta {
  id: string;
  name: string;
  role: WorkflowRole;
  publishedVersionId: string | null;
  archived?: boolean;
}

/** The query of the workflow's REST view (shared with the prefetch at page load). */
export const workflowMetaQuery = (id: string) => ({
  queryKey: workflowKeys.detail(id),
  queryFn: () => api<WorkflowMeta>(`/workflows/${encodeURIComponent(id)}`),
});

/** REST view of the workflow (name, caller's role, published version); the draft itself comes from the Y.Doc. */
export function useWorkflowMeta(id: string) {
  return useQuery(workflowMetaQuery(id));
}
