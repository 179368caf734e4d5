import type { RunResult } from '@tandem/shared/engine';
import { CoauthorJobPayload } from '@tandem/shared/schema';
import type { AiProvider } from '../provider/client.ts';
import type { NextNodeRecommender } from '../recommender/recommender.ts';
import type { NodeCatalogue } from '../workflow/node-catalogue.ts';
import type { SuggestResult } from './coauthor.ts';
import type { RunFailure } from './llm-suggest.ts';
import { runCoauthorTurn } from './turn.ts';

export { CoauthorJobPayload };

export interface CoauthorJobDeps {
  collabUrl: string;
  /** A short-lived collab token for the co-author on this workflow (`signCollabToken({ userId: 'ai:coauthor', … })`). */
  token(workflowId: string): string;
  recommender: NextNodeRecommender;
  /** The AI provider for this workflow and user, or undefined (recommender only). */
  ai?(workflowId: string, userId: string): Promise<AiProvider | undefined>;
  catalogue?: NodeCatalogue;
  signal?: AbortSignal;
}

/**
 * Run one `ai.coauthor` job: validate the payload, join the document, write suggestions, leave.
 * @example await handleCoauthorJob(job.data, { collabUrl, token, recommender, ai });
 */
export async function handleCoauthorJob(payload: unknown, deps: CoauthorJobDeps): Promise<SuggestResult> {
  const p = CoauthorJobPayload.parse(payload);
  return runCoauthorTurn({
    url: deps.collabUrl,
    workflowId: p.workflowId,
    token: deps.token(p.workflowId),
    recommender: deps.recommender,
    catalogue: deps.catalogue,
    ai: deps.ai ? await deps.ai(p.workflowId, p.userId) : undefined,
    selectedNodeId: p.selectedNodeId,
    outputIndex: p.outputIndex,
    request: p.request,
    failure: p.failure,
    userId: p.userId,
    signal: deps.signal,
  });
}

/**
 * What the failure watcher needs from a failed run: the failing node, its error and (up to 3 of) the items it got.
 * Undefined when the run did not fail at a node.
 * @example const failure = failureFromRun(result); if (failure && watchesFailures(wf)) queue.add('ai.coauthor', { workflowId, userId, failure });
 */
export function failureFromRun(
  result: Pick<RunResult, 'status' | 'error' | 'lastNodeExecuted' | 'runData'>,
): RunFailure | undefined {
  if (result.status !== 'error' || !result.error) return undefined;
  const node = result.error.node ?? result.lastNodeExecuted;
  if (!node) return undefined;
  const runs = result.runData[node] ?? [];
  const last = runs[runs.length - 1];
  const items = (last?.inputData?.main?.[0] ?? []).slice(0, 3).map((i) => i.json);
  return {
    node,
    message: String(result.error.message ?? 'failed').slice(0, 4_000),
    description: result.error.description?.slice(0, 4_000),
    items,
  };
}
