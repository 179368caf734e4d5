import { describe, expect, it } from 'vitest';
import { estimatedBounds } from './estimated-bounds.ts';

describe('estimatedBounds', () => {
  it('spans every node with its known size or the default node size', () => {
    expect(
      estimatedBounds([
        { position: { x: -100, y: 20 } },
        { position: { x: 300, y: 400 }, width: 240, height: 160 },
      ]),
    ).toEqual({ x: -100, y: 20, width: 640, height: 540 });
  });
  it('is empty without nodes', () => {
    expect(estimatedBounds([])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});
