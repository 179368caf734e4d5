/** Minimal graph shapes for layout. */
export interface LayoutNode {
  id: string;
  x: number;
  y: number;
}
export interface LayoutEdge {
  source: string;
  target: string;
}

export const LAYER_GAP = 280;
export const ROW_GAP = 130;

/**
 * Left-to-right layered layout of `ids` (the others stay put): each node goes one layer right of its deepest
 * selected parent (cycles are broken), nodes in a layer are stacked in their previous vertical order, and the
 * result starts at the selection's top-left corner.
 * @example autoLayout(nodes, edges, new Set(['a', 'b'])) // Map { 'a' => [0, 0], 'b' => [280, 0] }
 */
export function autoLayout(
  nodes: LayoutNode[],
  edges: LayoutEdge[],
  ids: Set<string>,
): Map<string, [number, number]> {
  const chosen = nodes.filter((n) => ids.has(n.id));
  const out = new Map<string, [number, number]>();
  if (chosen.length === 0) return out;
  const parents = new Map<string, string[]>(chosen.map((n) => [n.id, []]));
  for (const e of edges)
    if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      parents.get(e.target)!.push(e.source);
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: treat the back edge as absent
    visiting.add(id);
    let d = 0;
    for (const p of parents.get(id) ?? []) d = Math.max(d, depth(p) + 1);
    visiting.delete(id);
    layer.set(id, d);
    return d;
  };
  for (const n of chosen) depth(n.id);
  const minX = Math.min(...chosen.map((n) => n.x));
  const minY = Math.min(...chosen.map((n) => n.y));
  const byLayer = new Map<number, LayoutNode[]>();
  for (const n of chosen) {
    const l = layer.get(n.id)!;
    byLayer.set(l, [...(byLayer.get(l) ?? []), n]);
  }
  for (const [l, list] of byLayer) {
    list.sort((a, b) => a.y - b.y || a.x - b.x);
    for (const [i, n] of list.entries())
      out.set(n.id, [Math.round(minX + l * LAYER_GAP), Math.round(minY + i * ROW_GAP)]);
  }
  return out;
}
