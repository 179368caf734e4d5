/** Size of a ghost node (the canvas's workflow nodes are 220 px wide, about 64 px high). */
export const GHOST_W = 220;
export const GHOST_H = 64;

/** A node's box in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * End points of a ghost edge: right middle of the source, left middle of the target, with several outputs spread
 * down the source's right side the way the canvas draws its handles.
 * @example edgeEnds({ x: 0, y: 0, w: 220, h: 64 }, { x: 300, y: 0, w: 220, h: 64 }, 0, 1)
 *   // { sx: 220, sy: 32, tx: 300, ty: 32 }
 */
export function edgeEnds(
  source: Box,
  target: Box,
  sourceOutput: number,
  outputs: number,
): { sx: number; sy: number; tx: number; ty: number } {
  const n = Math.max(1, outputs, sourceOutput + 1);
  const i = Math.min(Math.max(0, sourceOutput), n - 1);
  return {
    sx: source.x + source.w,
    sy: source.y + (source.h * (i + 1)) / (n + 1),
    tx: target.x,
    ty: target.y + target.h / 2,
  };
}

/**
 * Whether two box maps are equal (rounded to pixels): the canvas store changes on every drag frame, and the ghost
 * layer should re-render only when a node that a ghost edge touches moved or resized.
 */
export function sameBoxes(a: ReadonlyMap<string, Box>, b: ReadonlyMap<string, Box>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, p] of a) {
    const q = b.get(id);
    if (!q || Math.round(p.x) !== Math.round(q.x) || Math.round(p.y) !== Math.round(q.y)) return false;
    if (Math.round(p.w) !== Math.round(q.w) || Math.round(p.h) !== Math.round(q.h)) return false;
  }
  return true;
}
