import type { ReactFlowState, Rect } from '@xyflow/react';

/**
 * Marks an element that floats over the canvas (a side panel, a button): what the canvas brings into view (AI
 * ghosts, "Show node") is kept clear of it while it is on screen. Spread it on the element.
 * @example <aside className="absolute top-3 right-3 bottom-3" {...coversCanvas}>…</aside>
 */
export const coversCanvas = { 'data-covers-canvas': '' } as const;

/** Everything over the canvas: marked elements, React Flow's panels (minimap, zoom controls). */
const COVERS = '[data-covers-canvas], .react-flow__panel';

/**
 * The canvas as a reveal needs it: its size, viewport, and what floats over it, measured on screen now (relative to
 * the canvas, cut to it; what is not over it is left out). Null before the canvas has a size.
 * @example const view = canvasView(store.getState()); // { canvas, covers: [{ x: 692, y: 12, … }], viewport, minZoom }
 */
export function canvasView(
  state: Pick<ReactFlowState, 'domNode' | 'width' | 'height' | 'transform' | 'minZoom'>,
) {
  const { domNode, width, height, transform, minZoom } = state;
  if (!domNode || !width || !height) return null;
  const origin = domNode.getBoundingClientRect();
  const covers: Rect[] = [];
  for (const el of domNode.ownerDocument.querySelectorAll(COVERS)) {
    const r = el.getBoundingClientRect();
    const x = Math.max(0, r.x - origin.x);
    const y = Math.max(0, r.y - origin.y);
    const right = Math.min(width, r.right - origin.x);
    const bottom = Math.min(height, r.bottom - origin.y);
    if (right > x && bottom > y) covers.push({ x, y, width: right - x, height: bottom - y });
  }
  return {
    canvas: { width, height },
    covers,
    viewport: { x: transform[0], y: transform[1], zoom: transform[2] },
    minZoom,
  };
}
