import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** One suggestion waiting for a decision (`GET /api/ai/suggestions`). */
export interface PendingSuggestion {
  workflowId: string;
  workflowName: string;
  id: string;
  rationale: string;
  author: { userId: string; name?: string };
  byAi: boolean;
  createdAt: string;
  changes: number;
  /** The failure watcher's proposals: the failed node and its error. */
  fixes: { node: string; message: string } | null;
}

/** What the dashboard shows per workflow: how many are waiting, the fixes, and the first in the api order (a fix when there is one). */
export interface WorkflowSuggestions {
  workflowId: string;
  workflowName: string;
  count: number;
  fixes: { node: string; message: string }[];
  top: PendingSuggestion;
}

export const pendingSuggestionKeys = { list: () => ['ai', 'pending-suggestions'] as const };

/** GET /api/ai/suggestions. */
export async function listPendingSuggestions(): Promise<PendingSuggestion[]> {
  return (await api<{ data: PendingSuggestion[] }>('/ai/suggestions', { query: { limit: 50 } })).data;
}

/**
 * Groups suggestions by workflow, keeping the api's order (fixes for failed runs first, then newest).
 * @example groupByWorkflow(list)[0].fixes // [{ node: 'Call partner', message: '503' }]
 */
export function groupByWorkflow(list: PendingSuggestion[]): WorkflowSuggestions[] {
  const groups = new Map<string, WorkflowSuggestions>();
  for (const s of list) {
    const g = groups.get(s.workflowId);
    if (!g) {
      groups.set(s.workflowId, {
        workflowId: s.workflowId,
        workflowName: s.workflowName,
        count: 1,
        fixes: s.fixes ? [s.fixes] : [],
        top: s,
      });
      continue;
    }
    g.count += 1;
    if (s.fixes) g.fixes.push(s.fixes);
  }
  return [...groups.values()];
}

/** Pending suggestions across the caller's workflows, grouped per workflow; refreshed every 30 s. */
export function usePendingSuggestions() {
  return useQuery({
    queryKey: pendingSuggestionKeys.list(),
    queryFn: listPendingSuggestions,
    select: groupByWorkflow,
    refetchInterval: 30_000,
  });
}
