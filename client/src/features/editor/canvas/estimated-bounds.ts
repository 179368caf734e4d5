import type { FlowNode } from '../doc/graph-model.ts';

/** Size of a workflow node before it is measured (WorkflowNodeView: 220 px wide, at least 64 px high). */
const NODE_W = 220;
const NODE_H = 64;

/**
 * Bounding box of nodes from their positions and known or typical sizes (no DOM measurement needed).
 * @example estimatedBounds([{ position: { x: 0, y: 0 } }]) // { x: 0, y: 0, width: 220, height: 64 }
 */
export function estimatedBounds(nodes: Array<Pick<FlowNode, 'position' | 'width' | 'height'>>) {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? NODE_W));
    y1 = Math.max(y1, n.position.y + (n.height ?? NODE_H));
  }
  if (!Number.isFinite(x0)) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
