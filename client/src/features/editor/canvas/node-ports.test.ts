import { describe, expect, it } from 'vitest';
import { farHandleTop, handleTop } from './node-ports.tsx';

describe('handleTop', () => {
  it('leaves a lone port to the stylesheet and spreads several along the side', () => {
    expect(handleTop(0, 1)).toBeUndefined();
    expect(handleTop(0, 2)).toEqual({ top: `${(1 / 3) * 100}%` });
    expect(handleTop(2, 3)).toEqual({ top: '75%' });
  });
});

describe('farHandleTop', () => {
  it("measures from the node's outer edge, not from inside its frame (as the near form and estimated-layout.ts)", () => {
    expect(farHandleTop(0, 1)).toBeUndefined();
    // 2 ports: a third down, minus a third of the frame (the padding box starts one frame width lower).
    expect(farHandleTop(0, 2)).toEqual({
      top: `calc(${(1 / 3) * 100}% + ${2 * (1 / 3) - 1} * var(--far-frame, 3px))`,
    });
    expect(farHandleTop(1, 3)).toEqual({ top: 'calc(50% + 0 * var(--far-frame, 3px))' });
  });
});
