import { describe, expect, it } from 'vitest';
import { edgeEnds, sameBoxes } from './ghost-geometry.ts';

describe('edgeEnds', () => {
  const a = { x: 0, y: 0, w: 220, h: 60 };
  const b = { x: 400, y: 100, w: 220, h: 64 };
  it('goes from the right middle of the source to the left middle of the target', () => {
    expect(edgeEnds(a, b, 0, 1)).toEqual({ sx: 220, sy: 30, tx: 400, ty: 132 });
  });
  it('spreads outputs down the source side and clamps odd indexes', () => {
    expect(edgeEnds(a, b, 0, 2).sy).toBe(20);
    expect(edgeEnds(a, b, 1, 2).sy).toBe(40);
    // An output index beyond the known count still gets its own slot.
    expect(edgeEnds(a, b, 2, 1).sy).toBe(45);
    expect(edgeEnds(a, b, -3, 2).sy).toBe(20);
  });
});

describe('sameBoxes', () => {
  it('compares rounded boxes by id', () => {
    const m = (x: number) => new Map([['n', { x, y: 0, w: 10, h: 10 }]]);
    expect(sameBoxes(m(1.2), m(1.4))).toBe(true);
    expect(sameBoxes(m(1), m(2))).toBe(false);
    expect(sameBoxes(m(1), new Map())).toBe(false);
    expect(sameBoxes(m(1), new Map([['o', { x: 1, y: 0, w: 10, h: 10 }]]))).toBe(false);
  });
});
