import type { Rect, Viewport } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { overlaps, revealViewport, toScreen } from './reveal-viewport.ts';

const canvas = { width: 1000, height: 700 };
const ghost = { x: 240, y: 0, width: 220, height: 64 };
// The panel in the top-right corner: tall (many suggestions), with three of them, collapsed to its header.
const tallPanel = { x: 668, y: 12, width: 320, height: 676 };
const panel = { x: 668, y: 12, width: 320, height: 400 };
const collapsed = { x: 668, y: 12, width: 320, height: 36 };
const reveal = (covers: Rect[], target: Rect, viewport: Viewport, minZoom = 0.1) =>
  revealViewport({ canvas, covers, target, viewport, minZoom });

describe('revealViewport', () => {
  it('moves nothing when the target is clear of the panel', () => {
    const target = { x: 0, y: 0, width: 460, height: 64 };
    expect(reveal([panel], target, { x: 100, y: 300, zoom: 1 })).toBe(null);
  });

  it('pans a ghost out from under the panel by the least distance, keeping the zoom', () => {
    expect(reveal([tallPanel], ghost, { x: 390, y: 318, zoom: 1 })).toEqual({ x: 184, y: 318, zoom: 1 });
  });

  it('takes the free area needing the shorter pan (here below the panel rather than left of it)', () => {
    const target = { x: 0, y: 0, width: 460, height: 64 };
    expect(reveal([panel], target, { x: 390, y: 318, zoom: 1 })).toEqual({ x: 390, y: 436, zoom: 1 });
  });

  it('never zooms in', () => {
    expect(reveal([tallPanel], ghost, { x: 500, y: 300, zoom: 0.5 })).toEqual({ x: 414, y: 300, zoom: 0.5 });
  });

  it('zooms out just enough for a target wider than the free area, not below minZoom', () => {
    const target = { x: 0, y: 0, width: 1240, height: 64 };
    const viewport = { x: 0, y: 318, zoom: 1 };
    expect(reveal([tallPanel], target, viewport)).toEqual({
      x: 24,
      y: 334,
      zoom: 0.5,
    });
    const floored = reveal([tallPanel], target, viewport, 0.8);
    expect(floored?.zoom).toBe(0.8);
    // Too big even so: centred in the area left of the panel.
    expect(floored?.x).toBeCloseTo(-162);
  });

  it('uses the panel as it is on screen: collapsed, it hides nothing below its header', () => {
    const viewport = { x: 390, y: 100, zoom: 1 };
    expect(reveal([collapsed], ghost, viewport)).toBe(null);
    expect(reveal([panel], ghost, viewport)).not.toBe(null);
  });

  it('keeps clear of every cover (the minimap too)', () => {
    const minimap = { x: 785, y: 535, width: 200, height: 150 };
    const viewport = { x: 460, y: 560, zoom: 1 };
    const next = reveal([collapsed, minimap], ghost, viewport);
    expect(next).toEqual({ x: 460, y: 447, zoom: 1 });
    const shown = toScreen(ghost, next!);
    expect(overlaps(shown, minimap) || overlaps(shown, collapsed)).toBe(false);
  });

  it('keeps clear of the other side panels too: the Activity panel under a collapsed suggestions panel', () => {
    const activity = { x: 668, y: 12, width: 320, height: 676 };
    const viewport = { x: 390, y: 100, zoom: 1 };
    expect(reveal([collapsed, activity], ghost, viewport)).toEqual({ x: 184, y: 100, zoom: 1 });
  });

  it('keeps clear of a panel along the bottom (replay) as of one on the side, in one free area', () => {
    const replay = { x: 12, y: 300, width: 976, height: 388 };
    const next = reveal([panel, replay], ghost, { x: 390, y: 318, zoom: 1 });
    expect(next).toEqual({ x: 184, y: 212, zoom: 1 });
    const shown = toScreen(ghost, next!);
    expect(overlaps(shown, panel) || overlaps(shown, replay)).toBe(false);
  });

  it('brings an off-screen target into the canvas when nothing covers it', () => {
    const target = { x: 2000, y: 0, width: 220, height: 64 };
    expect(reveal([], target, { x: 0, y: 0, zoom: 1 })).toEqual({
      x: -1244,
      y: 24,
      zoom: 1,
    });
  });
});

describe('overlaps', () => {
  it('needs shared area, touching edges are apart', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(overlaps(a, { x: 9, y: 9, width: 5, height: 5 })).toBe(true);
    expect(overlaps(a, { x: 10, y: 0, width: 5, height: 5 })).toBe(false);
  });
});
