import { api } from '../../../api/client.ts';
import type { ActivityEntry } from './activity-model.ts';

/** GET /api/workflows/{id}/activity, newest first; `before` = the `nextCursor` of the previous page. */
export function fetchActivity(
  workflowId: string,
  before?: string | null,
): Promise<{ data: ActivityEntry[]; nextCursor: string | null }> {
  return api(`/workflows/${encodeURIComponent(workflowId)}/activity`, {
    query: { limit: 100, before: before ?? undefined },
  });
}
