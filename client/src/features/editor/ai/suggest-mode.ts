import type { DocOpInput, OpResult } from '@tandem/shared/doc';

/** Ops that "suggest" mode turns into a suggestion: adding nodes and drawing connections. */
const PROPOSABLE = new Set(['addNode', 'connect']);

/**
 * In suggest mode, a batch that only adds nodes and/or connects them becomes ONE `addSuggestion` op (ghosts for
 * everyone, accepted or rejected like the AI's); any other batch (moves, parameter edits, deletes) is returned
 * unchanged as null. `basedOn` lists the existing nodes the batch connects to, so editing them marks it stale.
 * @example toSuggestionOps([{ op: 'addNode', node }], () => 's1', 'Proposed by Ann')
 *   // [{ op: 'addSuggestion', suggestion: { id: 's1', ops: [...], rationale: 'Proposed by Ann', basedOn: [] } }]
 */
export function toSuggestionOps(
  ops: DocOpInput[],
  makeId: () => string,
  rationale: string,
): DocOpInput[] | null {
  if (ops.length === 0 || ops.length > 500) return null;
  if (!ops.every((o) => PROPOSABLE.has(o.op))) return null;
  const added = new Set<string>();
  for (const o of ops) if (o.op === 'addNode' && typeof o.node?.id === 'string') added.add(o.node.id);
  const basedOn = new Set<string>();
  for (const o of ops) {
    if (o.op !== 'connect') continue;
    for (const end of [o.edge?.source, o.edge?.target])
      if (typeof end === 'string' && !added.has(end)) basedOn.add(end);
  }
  return [
    {
      op: 'addSuggestion',
      suggestion: { id: makeId(), ops: ops as never, rationale, basedOn: [...basedOn] },
    },
  ];
}

/** The part of the editor's session that suggest mode wraps. */
export interface ApplyTarget {
  apply(ops: DocOpInput[]): OpResult[];
}

/**
 * Routes the session's node additions into suggestions until the returned function is called. The editor's
 * components call `session.apply` at the moment of an edit, so swapping it covers the library, drag and drop,
 * paste and connecting handles without touching them.
 * @example const stop = installSuggestMode(session, newId, 'Proposed by Ann'); …; stop();
 */
export function installSuggestMode(target: ApplyTarget, makeId: () => string, rationale: string): () => void {
  const original = target.apply;
  const wrapped = (ops: DocOpInput[]): OpResult[] => {
    const proposal = toSuggestionOps(ops, makeId, rationale);
    if (!proposal) return original.call(target, ops);
    original.call(target, proposal);
    // Callers expect one result per op; nothing was applied to the graph, so there is no edge id to report.
    return ops.map(() => ({}));
  };
  target.apply = wrapped;
  return () => {
    // Only restore if nobody wrapped it again after us.
    if (target.apply === wrapped) target.apply = original;
  };
}
