import type { WorkflowJson } from '@tandem/shared/schema';
import { type SuggestRequest, type SuggestResult, suggestNextSteps } from './coauthor.ts';
import { type JoinOptions, joinAsCoauthor } from './session.ts';

export type CoauthorTurnInput = JoinOptions & Omit<SuggestRequest, 'doc' | 'session' | 'write'>;

/**
 * One co-author job (what a worker runs for "Ask AI", the suggest endpoint, or the failure watcher): join the
 * workflow's document over the collab protocol, write validated suggestions with presence showing the work, make
 * sure the updates left, and leave.
 * @example await runCoauthorTurn({ url, workflowId, token, recommender, ai, request: 'email me a summary' });
 */
export async function runCoauthorTurn(input: CoauthorTurnInput): Promise<SuggestResult> {
  const { url, workflowId, token, timeoutMs, ...suggest } = input;
  const session = await joinAsCoauthor({ url, workflowId, token, timeoutMs });
  try {
    return await suggestNextSteps({ ...suggest, doc: session.doc, session, write: true });
  } finally {
    // Suggestions are sent as soon as they are written; wait for the socket to drain before leaving.
    const ws = session.provider.ws as { bufferedAmount?: number } | null;
    const until = Date.now() + 2_000;
    while (ws && (ws.bufferedAmount ?? 0) > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10));
    session.close();
  }
}

/** The failure watcher is opt-in per workflow (`settings.failureWatcher`). */
export function watchesFailures(workflow: Pick<WorkflowJson, 'settings'>): boolean {
  return workflow.settings?.failureWatcher === true;
}
