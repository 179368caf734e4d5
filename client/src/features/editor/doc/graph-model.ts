import type { Edge, Node } from '@xyflow/react';
import type * as Y from 'yjs';
import { type EdgeView, type NodeView, readNode } from './read-doc.ts';

export const STICKY = 'stickyNote';

export type FlowNode = Node<NodeView & Record<string, unknown>, 'tandem' | 'sticky'>;
export type FlowEdge = Edge<{ type: string }>;

/** True for sticky-note node types (n8n's `n8n-nodes-base.stickyNote`). */
export function isSticky(type: string): boolean {
  return type === STICKY || type === 'n8n-nodes-base.stickyNote';
}

/** Handle ids used on the canvas for a port index. */
export const outHandle = (i: number) => `o${i}`;
export const inHandle = (i: number) => `i${i}`;

/** Port index of a handle id ("o2" → 2); 0 for missing/odd ids. */
export function handleIndex(id: string | null | undefined): number {
  const n = id ? Number.parseInt(id.slice(1), 10) : 0;
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** Builds the canvas node for one document node, keeping local UI state (selection, size, drag) of `prev`. */
export function buildFlowNode(id: string, map: unknown, prev: FlowNode | undefined): FlowNode | null {
  const view = readNode(id, map);
  if (!view) return null;
  const sticky = isSticky(view.type);
  const node: FlowNode = {
    ...(prev ?? {}),
    id,
    type: sticky ? 'sticky' : 'tandem',
    position: prev?.dragging ? prev.position : view.position,
    data: view as FlowNode['data'],
  };
  if (sticky) {
    const w = Number(view.parameters.width);
    const h = Number(view.parameters.height);
    node.zIndex = -1;
    node.width = Number.isFinite(w) && w > 40 ? w : 240;
    node.height = Number.isFinite(h) && h > 40 ? h : 160;
  }
  return node;
}

/** Equality of what a node component shows (`data.position` is not shown: the canvas uses `node.position`). */
function sameView(a: FlowNode['data'], b: FlowNode['data']): boolean {
  return (
    a.name === b.name &&
    a.type === b.type &&
    a.typeVersion === b.typeVersion &&
    a.disabled === b.disabled &&
    a.notes === b.notes &&
    a.hasCredentials === b.hasCredentials &&
    JSON.stringify(a.parameters) === JSON.stringify(b.parameters)
  );
}

/** The rebuilt node, or `prev` itself when nothing the canvas shows changed (e.g. only attribution did). */
function rebuild(id: string, map: unknown, prev: FlowNode): FlowNode | null {
  const next = buildFlowNode(id, map, prev);
  if (!next) return null;
  return next.position.x === prev.position.x &&
    next.position.y === prev.position.y &&
    sameView(next.data, prev.data)
    ? prev
    : next;
}

/**
 * Reconciles the canvas node list with the document: nodes not in `dirty` keep their object (so React Flow
 * skips them), removed nodes go, new ones are appended. `dirty` null = rebuild everything. When nothing visible
 * changed, `prev` itself is returned so React skips the render (our own drag echoes back from the document).
 */
export function reconcileNodes(prev: FlowNode[], nodes: Y.Map<any>, dirty: Set<string> | null): FlowNode[] {
  const out: FlowNode[] = [];
  const seen = new Set<string>();
  let changed = false;
  for (const n of prev) {
    if (!nodes.has(n.id)) {
      changed = true;
      continue;
    }
    seen.add(n.id);
    const next = dirty === null || dirty.has(n.id) ? rebuild(n.id, nodes.get(n.id), n) : n;
    if (next !== n) changed = true;
    if (next) out.push(next);
  }
  for (const [id, map] of nodes.entries()) {
    if (seen.has(id)) continue;
    const next = buildFlowNode(id, map, undefined);
    if (next) {
      out.push(next);
      changed = true;
    }
  }
  return changed ? out : prev;
}

/**
 * Canvas edges from document edges. An edge id encodes both ends (see `edgeKey`), so an existing edge object is
 * reused as is: React Flow then re-renders only edges that appeared.
 */
export function toFlowEdges(edges: EdgeView[], prev: FlowEdge[]): FlowEdge[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  return edges.map(
    (e) =>
      byId.get(e.id) ?? {
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: outHandle(e.sourceOutput),
        targetHandle: inHandle(e.targetInput),
        data: { type: e.type },
      },
  );
}

export type { NodeView };
