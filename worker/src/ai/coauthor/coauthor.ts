import { docToWorkflow } from '@tandem/shared/doc';
import type * as Y from 'yjs';
import type { AiProvider } from '../provider/client.ts';
import type { NextNodeRecommender } from '../recommender/recommender.ts';
import { loadNodeCatalogue, type NodeCatalogue } from '../workflow/node-catalogue.ts';
import { proposeFixes } from './failure-watcher.ts';
import { anchorNode, instantSuggestions } from './instant.ts';
import { llmSuggestions, type RunFailure } from './llm-suggest.ts';
import { COAUTHOR_ACTOR, type WrittenSuggestion, writeSuggestions } from './proposal.ts';
import type { CoauthorSession } from './session.ts';

export interface SuggestRequest {
  /** The workflow draft: a synced co-author session's doc, or a local doc built with `workflowToDoc`. */
  doc: Y.Doc;
  recommender: NextNodeRecommender;
  catalogue?: NodeCatalogue;
  /** LLM suggestions come after the instant ones when a provider is configured. */
  ai?: AiProvider;
  selectedNodeId?: string;
  outputIndex?: number;
  /** The "Ask AI" text. */
  request?: string;
  /** A failed run to fix (failure watcher / "fix this" from the run view). */
  failure?: RunFailure;
  /** Write into the doc's suggestions area (default true). */
  write?: boolean;
  /** When given, the co-author's awareness shows it working. */
  session?: Pick<CoauthorSession, 'setStatus' | 'moveCursor'>;
  signal?: AbortSignal;
  userId?: string;
  limit?: number;
}

export interface SuggestResult {
  suggestions: WrittenSuggestion[];
  /** Model proposals that failed validation (never written), with why. */
  dropped: string[];
  /** The model failed after the instant suggestions were written; they stand, this says why no more came. */
  llmError?: { code: string; message: string };
}

/**
 * The co-author's turn: instant recommender suggestions first (written at once), then — with an AI provider — the
 * model's suggestions for the request or the failed run, each validated before it reaches the doc. Every write is
 * an `addSuggestion` (ghost nodes/edges/parameter changes with a rationale), never a direct edit.
 * @example await suggestNextSteps({ doc: session.doc, recommender, ai, selectedNodeId: 'n1', session });
 */
export async function suggestNextSteps(req: SuggestRequest): Promise<SuggestResult> {
  const catalogue = req.catalogue ?? (await loadNodeCatalogue());
  const write = req.write ?? true;
  const result: SuggestResult = { suggestions: [], dropped: [] };
  const anchor = anchorNode(req.doc, req.selectedNodeId);
  const emit = (list: WrittenSuggestion[]) => {
    if (write && list.length) writeSuggestions(req.doc, list, COAUTHOR_ACTOR);
    result.suggestions.push(...list);
    const last = list.at(-1)?.ops.find((o) => o.op === 'addNode');
    if (last && last.op === 'addNode') req.session?.moveCursor(last.node.position);
  };
  req.session?.moveCursor(anchor?.position, anchor ? [anchor.id] : []);
  req.session?.setStatus('thinking…');
  try {
    if (req.failure) {
      const fixes = await proposeFixes(req.doc, req.failure, {
        catalogue,
        ai: req.ai,
        signal: req.signal,
        userId: req.userId,
      });
      emit(fixes.suggestions);
      result.dropped.push(...fixes.dropped);
      return result;
    }
    if (!req.request) {
      const instant = instantSuggestions(req.doc, req.recommender, catalogue, {
        selectedNodeId: anchor?.id,
        limit: req.limit ?? 3,
        outputIndex: req.outputIndex,
      });
      emit(instant.suggestions);
      result.dropped.push(...instant.dropped);
    }
    if (req.ai) {
      const wf = docToWorkflow(req.doc);
      try {
        const llm = await llmSuggestions(req.doc, {
          ai: req.ai,
          catalogue,
          request: req.request,
          selectedNodeName: wf.nodes.find((n) => n.id === anchor?.id)?.name,
          limit: req.limit,
          signal: req.signal,
          userId: req.userId,
        });
        emit(llm.suggestions);
        result.dropped.push(...llm.dropped);
      } catch (err) {
        // Asked for something specific: the model's answer was the point, so its failure is the answer.
        if (req.request || result.suggestions.length === 0) throw err;
        const e = err as { code?: string; message?: string };
        result.llmError = { code: e.code ?? 'ai_provider_error', message: String(e.message ?? err) };
      }
    }
    return result;
  } finally {
    req.session?.setStatus('idle');
  }
}
