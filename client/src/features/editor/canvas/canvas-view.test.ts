// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { canvasView } from './canvas-view.ts';

/** An element at `rect` on screen, marked as over the canvas (or with `className`). */
function el(rect: { x: number; y: number; width: number; height: number }, className?: string) {
  const e = document.createElement('div');
  if (className) e.className = className;
  else e.setAttribute('data-covers-canvas', '');
  e.getBoundingClientRect = () => DOMRect.fromRect(rect);
  document.body.append(e);
  return e;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('canvasView', () => {
  // The canvas at (256, 56) on screen, 1000×700.
  const domNode = el({ x: 256, y: 56, width: 1000, height: 700 }, 'canvas');
  const state = {
    domNode,
    width: 1000,
    height: 700,
    transform: [10, 20, 0.5] as [number, number, number],
    minZoom: 0.1,
  };

  it('measures every marked element and React Flow panel relative to the canvas, cut to it', () => {
    document.body.append(domNode);
    el({ x: 936, y: 68, width: 320, height: 676 }); // a side panel
    el({ x: 1041, y: 591, width: 200, height: 150 }, 'react-flow__panel react-flow__minimap');
    el({ x: 900, y: 0, width: 300, height: 100 }); // reaches above the canvas (a header popover)
    el({ x: 0, y: 0, width: 200, height: 40 }); // not over the canvas
    expect(canvasView(state)).toEqual({
      canvas: { width: 1000, height: 700 },
      covers: [
        { x: 680, y: 12, width: 320, height: 676 },
        { x: 785, y: 535, width: 200, height: 150 },
        { x: 644, y: 0, width: 300, height: 44 },
      ],
      viewport: { x: 10, y: 20, zoom: 0.5 },
      minZoom: 0.1,
    });
  });

  it('is null before the canvas has a size', () => {
    expect(canvasView({ ...state, width: 0 })).toBe(null);
  });
});
