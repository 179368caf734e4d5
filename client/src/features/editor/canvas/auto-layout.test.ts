import { describe, expect, it } from 'vitest';
import { autoLayout, LAYER_GAP, ROW_GAP } from './auto-layout.ts';

const n = (id: string, x = 0, y = 0) => ({ id, x, y });

describe('auto layout', () => {
  it('puts each node one layer right of its deepest parent, from the selection corner', () => {
    const nodes = [n('a', 100, 50), n('b', 900, 400), n('c', 300, 0), n('d', 10, 900)];
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'a', target: 'c' },
    ];
    const out = autoLayout(nodes, edges, new Set(['a', 'b', 'c', 'd']));
    expect(out.get('a')).toEqual([10, 0]);
    expect(out.get('d')).toEqual([10, ROW_GAP]);
    expect(out.get('b')).toEqual([10 + LAYER_GAP, 0]);
    expect(out.get('c')).toEqual([10 + 2 * LAYER_GAP, 0]);
  });

  it('leaves unselected nodes alone and ignores edges leaving the selection', () => {
    const out = autoLayout(
      [n('a'), n('b', 500, 500), n('x', 50, 50)],
      [{ source: 'x', target: 'b' }],
      new Set(['a', 'b']),
    );
    expect([...out.keys()].sort()).toEqual(['a', 'b']);
    expect(out.get('b')).toEqual([0, ROW_GAP]);
  });

  it('survives cycles and self loops', () => {
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'a' },
      { source: 'a', target: 'a' },
    ];
    const out = autoLayout([n('a'), n('b')], edges, new Set(['a', 'b']));
    expect(out.size).toBe(2);
    expect(new Set([...out.values()].map((p) => p.join(','))).size).toBe(2);
  });

  it('returns nothing for an empty selection', () => {
    expect(autoLayout([n('a')], [], new Set()).size).toBe(0);
  });
});
