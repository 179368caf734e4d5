import { api } from '../../../api/client.ts';
import type { CompareResult } from './replay-model.ts';

/** POST /api/executions/{id}/replay: the past run's trigger input against the current draft; answers the new id. */
export async function startReplay(executionId: string): Promise<string> {
  const res = await api<{ id?: string }>(`/executions/${encodeURIComponent(executionId)}/replay`, {
    method: 'POST',
    body: { wait: false },
  });
  if (!res?.id) throw new Error('The server did not return an execution id.');
  return res.id;
}

/** GET /api/executions/{a}/compare/{b}: per-node, per-item diff of two runs' outputs. */
export function compareExecutions(a: string, b: string): Promise<CompareResult> {
  return api<CompareResult>(`/executions/${encodeURIComponent(a)}/compare/${encodeURIComponent(b)}`);
}
