import { describe, expect, it } from 'vitest';
import { handleTop } from './FarNodeView.tsx';

describe('handleTop', () => {
  it('leaves a lone port to the stylesheet and spreads several along the side', () => {
    expect(handleTop(0, 1)).toBeUndefined();
    expect(handleTop(0, 2)).toEqual({ top: `${(1 / 3) * 100}%` });
    expect(handleTop(2, 3)).toEqual({ top: '75%' });
  });
});
