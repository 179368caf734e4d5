import type { Rect, Viewport } from '@xyflow/react';

/** Room kept between what is brought into view and the canvas's edges or what covers it, in screen pixels. */
const MARGIN = 24;

/** Where a rectangle in flow coordinates is on screen (relative to the canvas) under a viewport. */
export function toScreen(r: Rect, v: Viewport): Rect {
  return { x: r.x * v.zoom + v.x, y: r.y * v.zoom + v.y, width: r.width * v.zoom, height: r.height * v.zoom };
}

/** Whether two rectangles share any area. */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function intersection(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.min(a.x + a.width, b.x + b.width) - x,
    height: Math.min(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * The parts of the canvas nothing floats over: for every cover, the strip left of, right of, above or below it
 * (full canvas length), intersected across covers. Anything that overlaps no cover lies entirely inside one of them.
 */
function freeAreas(canvas: { width: number; height: number }, covers: Rect[]): Rect[] {
  const { width: w, height: h } = canvas;
  let areas: Rect[] = [{ x: 0, y: 0, width: w, height: h }];
  for (const c of covers) {
    const right = c.x + c.width;
    const bottom = c.y + c.height;
    const sides = [
      { x: 0, y: 0, width: c.x, height: h },
      { x: right, y: 0, width: w - right, height: h },
      { x: 0, y: 0, width: w, height: c.y },
      { x: 0, y: bottom, width: w, height: h - bottom },
    ];
    areas = areas
      .flatMap((a) => sides.map((s) => intersection(a, s)))
      .filter((a) => a.width > 0 && a.height > 0);
  }
  return areas;
}

/** How far to move an interval [start, start + size] so it lies inside [lo, lo + room] (centred if it cannot). */
function shiftInto(start: number, size: number, lo: number, room: number): number {
  if (size > room) return lo + (room - size) / 2 - start;
  if (start < lo) return lo - start;
  if (start + size > lo + room) return lo + room - (start + size);
  return 0;
}

/**
 * The viewport that shows `target` inside `area` (inset by MARGIN) with the least change: the current zoom unless
 * the target is too big for the area (then zoomed out just enough, never below minZoom), and the smallest pan.
 */
function viewportInside(area: Rect, target: Rect, v: Viewport, minZoom: number): Viewport {
  const room = {
    x: area.x + MARGIN,
    y: area.y + MARGIN,
    w: area.width - 2 * MARGIN,
    h: area.height - 2 * MARGIN,
  };
  const zoom = Math.max(minZoom, Math.min(v.zoom, room.w / target.width, room.h / target.height));
  // Zooming out keeps the target's centre where it is on screen; then the pan moves it the least.
  const cx = target.x + target.width / 2;
  const cy = target.y + target.height / 2;
  const x = cx * v.zoom + v.x - cx * zoom;
  const y = cy * v.zoom + v.y - cy * zoom;
  return {
    x: x + shiftInto(target.x * zoom + x, target.width * zoom, room.x, room.w),
    y: y + shiftInto(target.y * zoom + y, target.height * zoom, room.y, room.h),
    zoom,
  };
}

export interface RevealInput {
  /** The canvas's size on screen. */
  canvas: { width: number; height: number };
  /** What floats over the canvas (side panels, the minimap…), on screen relative to the canvas. */
  covers: Rect[];
  /** What has to be seen (a suggestion's ghosts and the nodes they hang off), in flow coordinates. */
  target: Rect;
  viewport: Viewport;
  minZoom: number;
}

/**
 * The viewport that brings `target` into a part of the canvas nothing covers, or null when it is in one already.
 * Of the free areas it takes the one needing the least zoom-out, then the shortest pan; it never zooms in.
 * @example revealViewport({ canvas: { width: 1000, height: 700 }, covers: [{ x: 668, y: 12, width: 320, height: 676 }],
 *   target: { x: 240, y: 0, width: 220, height: 64 }, viewport: { x: 390, y: 318, zoom: 1 }, minZoom: 0.1 })
 *   // { x: 184, y: 318, zoom: 1 }: moved left until the ghost clears the panel by 24 px
 */
export function revealViewport({ canvas, covers, target, viewport, minZoom }: RevealInput): Viewport | null {
  const areas = freeAreas(canvas, covers);
  const onScreen = toScreen(target, viewport);
  if (areas.some((a) => contains(a, onScreen))) return null;
  let best: Viewport | null = null;
  let bestPan = Number.POSITIVE_INFINITY;
  for (const area of areas) {
    if (area.width <= 2 * MARGIN || area.height <= 2 * MARGIN) continue;
    const next = viewportInside(area, target, viewport, minZoom);
    const pan = Math.hypot(next.x - viewport.x, next.y - viewport.y);
    if (!best || next.zoom > best.zoom || (next.zoom === best.zoom && pan < bestPan)) {
      best = next;
      bestPan = pan;
    }
  }
  return best;
}
