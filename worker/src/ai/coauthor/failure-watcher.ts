import { docToWorkflow, type GraphOp } from '@tandem/shared/doc';
import { newId } from '@tandem/shared/util';
import type * as Y from 'yjs';
import type { AiProvider } from '../provider/client.ts';
import type { NodeCatalogue } from '../workflow/node-catalogue.ts';
import { llmSuggestions, type RunFailure } from './llm-suggest.ts';
import { checkSuggestionOps, type WrittenSuggestion } from './proposal.ts';

const TRANSIENT =
  /timed? ?out|ETIMEDOUT|ECONNRESET|ECONNREFUSED|EAI_AGAIN|socket hang up|\b429\b|\b50[234]\b|rate limit|temporarily unavailable/i;

/** Offline rule: a transient failure on a node without retries → suggest retrying it. */
export function retrySuggestion(
  doc: Y.Doc,
  failure: RunFailure,
  catalogue: NodeCatalogue,
): WrittenSuggestion | undefined {
  const node = docToWorkflow(doc).nodes.find((n) => n.name === failure.node);
  if (!node || node.retryOnFail || !TRANSIENT.test(`${failure.message} ${failure.description ?? ''}`))
    return undefined;
  const ops: GraphOp[] = [
    { op: 'setNodeField', nodeId: node.id, field: 'retryOnFail', value: true },
    { op: 'setNodeField', nodeId: node.id, field: 'maxTries', value: 3 },
    { op: 'setNodeField', nodeId: node.id, field: 'waitBetweenTries', value: 2000 },
  ];
  if (checkSuggestionOps(doc, ops, catalogue).length) return undefined;
  return {
    id: newId(),
    ops,
    rationale: `"${node.name}" failed with a temporary error (${failure.message.slice(0, 120)}). Retrying up to 3 times, 2 s apart, usually gets past it.`,
    basedOn: [node.id],
    source: 'heuristic',
  };
}

/**
 * Failure watcher: given a failed run, propose fixes as suggestions (an offline retry rule, plus the model's
 * proposal when an AI provider is configured). The caller writes them with `writeSuggestions` (opt-in per
 * workflow via `settings.failureWatcher`).
 */
export async function proposeFixes(
  doc: Y.Doc,
  failure: RunFailure,
  opts: { catalogue: NodeCatalogue; ai?: AiProvider; signal?: AbortSignal; userId?: string },
): Promise<{ suggestions: WrittenSuggestion[]; dropped: string[] }> {
  const suggestions: WrittenSuggestion[] = [];
  const dropped: string[] = [];
  const retry = retrySuggestion(doc, failure, opts.catalogue);
  if (retry) suggestions.push(retry);
  if (opts.ai) {
    const llm = await llmSuggestions(doc, {
      ai: opts.ai,
      catalogue: opts.catalogue,
      failures: [failure],
      selectedNodeName: failure.node,
      request: `The last run failed at "${failure.node}". Propose the smallest fix.`,
      limit: 2,
      signal: opts.signal,
      userId: opts.userId,
    });
    suggestions.push(...llm.suggestions);
    dropped.push(...llm.dropped);
  }
  const fixes = { node: failure.node, message: failure.message.slice(0, 500) };
  return { suggestions: suggestions.map((s) => ({ ...s, fixes })), dropped };
}
