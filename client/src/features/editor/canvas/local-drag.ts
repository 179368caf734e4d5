import type { NodeChange, XYPosition } from '@xyflow/react';
import type { FlowNode } from '../doc/graph-model.ts';

/** Positions of the nodes being dragged, kept by the canvas (not the editor) while the drag lasts. */
export type DragPositions = ReadonlyMap<string, XYPosition>;

/**
 * Splits React Flow's node changes in two: what the editor's node list must learn (selection, measured sizes, the
 * start and the end of a drag) and the per-frame positions of a drag in progress, which only the canvas draws. A
 * drag frame then re-renders the canvas alone instead of the whole editor. `dragging`: ids whose drag start the
 * editor already knows (updated in place).
 */
export function splitDragChanges(
  changes: NodeChange<FlowNode>[],
  dragging: Set<string>,
): { lifted: NodeChange<FlowNode>[]; moves: Map<string, XYPosition>; ended: string[] } {
  const lifted: NodeChange<FlowNode>[] = [];
  const moves = new Map<string, XYPosition>();
  const ended: string[] = [];
  for (const c of changes) {
    if (c.type !== 'position' || !c.position) {
      lifted.push(c);
      continue;
    }
    if (!c.dragging) {
      dragging.delete(c.id);
      ended.push(c.id);
      lifted.push(c);
      continue;
    }
    moves.set(c.id, c.position);
    // The first frame tells the editor the node is dragging, so the document's echo of our own (throttled)
    // writes does not pull it back meanwhile (see buildFlowNode).
    if (!dragging.has(c.id)) {
      dragging.add(c.id);
      lifted.push(c);
    }
  }
  return { lifted, moves, ended };
}

/** `positions` with `moves` applied and `ended` dropped; `positions` itself when that changes nothing. */
export function nextDragPositions(
  positions: DragPositions,
  moves: Map<string, XYPosition>,
  ended: string[],
): DragPositions {
  if (moves.size === 0 && !ended.some((id) => positions.has(id))) return positions;
  const next = new Map(positions);
  for (const [id, p] of moves) next.set(id, p);
  for (const id of ended) next.delete(id);
  return next;
}

/** The canvas nodes with the dragged ones at their live position (other nodes keep their identity). */
export function withDragPositions(nodes: FlowNode[], positions: DragPositions): FlowNode[] {
  if (positions.size === 0) return nodes;
  return nodes.map((n) => {
    const p = positions.get(n.id);
    return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: p, dragging: true } : n;
  });
}
