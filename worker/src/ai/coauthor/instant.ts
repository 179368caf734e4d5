import { docToWorkflow, type GraphOp } from '@tandem/shared/doc';
import { canonicalNodeType } from '@tandem/shared/schema';
import { newId } from '@tandem/shared/util';
import type * as Y from 'yjs';
import type { NextNodeRecommender } from '../recommender/recommender.ts';
import type { NodeCatalogue } from '../workflow/node-catalogue.ts';
import { checkSuggestionOps, type WrittenSuggestion } from './proposal.ts';

/** The node to suggest after: the selected one, else the last leaf (no outgoing edge), else none (empty doc). */
export function anchorNode(
  doc: Y.Doc,
  selectedNodeId?: string,
): { id: string; name: string; type: string; position: [number, number] } | undefined {
  const wf = docToWorkflow(doc);
  const selected = wf.nodes.find((n) => n.id === selectedNodeId);
  const withOutgoing = new Set(Object.keys(wf.connections));
  const node =
    selected ?? [...wf.nodes].reverse().find((n) => !withOutgoing.has(n.name) && n.type !== 'stickyNote');
  return node
    ? { id: node.id, name: node.name, type: canonicalNodeType(node.type), position: node.position }
    : undefined;
}

/**
 * Instant, offline suggestions from Tandem's own recommender: the likeliest next node types (with their typical
 * parameters) as ghost nodes hanging off the anchor node. Each is validated before it is returned.
 */
export function instantSuggestions(
  doc: Y.Doc,
  recommender: NextNodeRecommender,
  catalogue: NodeCatalogue,
  opts: { selectedNodeId?: string; limit?: number; outputIndex?: number } = {},
): { suggestions: WrittenSuggestion[]; dropped: string[] } {
  const wf = docToWorkflow(doc);
  const anchor = anchorNode(doc, opts.selectedNodeId);
  const names = new Set(wf.nodes.map((n) => n.name));
  const recs = recommender.recommend(wf, anchor?.name, {
    limit: opts.limit ?? 3,
    outputIndex: opts.outputIndex,
    allowedTypes: new Set(catalogue.keys()),
  });
  const suggestions: WrittenSuggestion[] = [];
  const dropped: string[] = [];
  recs.forEach((rec, i) => {
    const entry = catalogue.get(rec.type)!;
    let name = entry.displayName;
    for (let n = 2; names.has(name); n++) name = `${entry.displayName} ${n}`;
    const id = newId();
    const position: [number, number] = anchor
      ? [anchor.position[0] + 240, anchor.position[1] + i * 140]
      : [i * 240, 0];
    const ops: GraphOp[] = [
      {
        op: 'addNode',
        node: {
          id,
          name,
          type: rec.type,
          typeVersion: entry.version,
          position,
          parameters: rec.parameters ?? {},
        },
      },
    ];
    if (anchor) {
      ops.push({
        op: 'connect',
        edge: {
          source: anchor.id,
          target: id,
          type: 'main',
          sourceOutput: opts.outputIndex ?? 0,
          targetType: 'main',
          targetInput: 0,
        },
      });
    }
    const problems = checkSuggestionOps(doc, ops, catalogue);
    if (problems.length) {
      dropped.push(`${rec.type}: ${problems.join('; ')}`);
      return;
    }
    const pct = Math.round(rec.score * 100);
    const rationale = anchor
      ? `${entry.displayName} often comes after ${catalogue.get(anchor.type)?.displayName ?? anchor.type} in similar workflows (${pct} %).`
      : `${entry.displayName} is a common way to start a workflow (${pct} %).`;
    suggestions.push({
      id: newId(),
      ops,
      rationale,
      basedOn: anchor ? [anchor.id] : [],
      source: 'recommender',
    });
  });
  return { suggestions, dropped };
}
