import type { NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../doc/graph-model.ts';
import { farName } from './FarNodeView.tsx';
import { nextDragPositions, splitDragChanges, withDragPositions } from './local-drag.ts';

const move = (id: string, x: number, dragging: boolean): NodeChange<FlowNode> => ({
  type: 'position',
  id,
  position: { x, y: 0 },
  dragging,
});
const node = (id: string, x: number): FlowNode =>
  ({ id, type: 'tandem', position: { x, y: 0 }, data: { name: id } }) as unknown as FlowNode;

describe('splitDragChanges', () => {
  it('lifts the first frame of a drag and its end, keeps the frames between local', () => {
    const dragging = new Set<string>();
    const first = splitDragChanges([move('a', 1, true)], dragging);
    expect(first.lifted).toHaveLength(1);
    expect([...first.moves]).toEqual([['a', { x: 1, y: 0 }]]);
    expect(dragging.has('a')).toBe(true);

    const mid = splitDragChanges([move('a', 2, true)], dragging);
    expect(mid.lifted).toEqual([]);
    expect(mid.moves.get('a')).toEqual({ x: 2, y: 0 });

    const end = splitDragChanges([move('a', 3, false)], dragging);
    expect(end.lifted).toEqual([move('a', 3, false)]);
    expect(end.ended).toEqual(['a']);
    expect(dragging.size).toBe(0);
  });

  it('lifts every change that is not a drag frame (selection, sizes)', () => {
    const sel: NodeChange<FlowNode> = { type: 'select', id: 'a', selected: true };
    const dim: NodeChange<FlowNode> = { type: 'dimensions', id: 'b', dimensions: { width: 1, height: 2 } };
    const r = splitDragChanges([sel, dim, move('c', 5, true)], new Set(['c']));
    expect(r.lifted).toEqual([sel, dim]);
    expect(r.moves.get('c')).toEqual({ x: 5, y: 0 });
  });
});

describe('drag positions', () => {
  it('keeps the same map when nothing changes, drops ended ids', () => {
    const none = new Map();
    expect(nextDragPositions(none, new Map(), [])).toBe(none);
    const one = nextDragPositions(none, new Map([['a', { x: 1, y: 2 }]]), []);
    expect(one.get('a')).toEqual({ x: 1, y: 2 });
    expect(nextDragPositions(one, new Map(), ['a']).size).toBe(0);
  });

  it('moves only the dragged nodes and keeps the identity of the others', () => {
    const nodes = [node('a', 0), node('b', 10)];
    expect(withDragPositions(nodes, new Map())).toBe(nodes);
    const out = withDragPositions(nodes, new Map([['b', { x: 50, y: 0 }]]));
    expect(out[0]).toBe(nodes[0]);
    expect(out[1]).toMatchObject({ id: 'b', position: { x: 50, y: 0 }, dragging: true });
  });

  it('ignores positions of nodes no longer on the canvas', () => {
    const nodes = [node('a', 0)];
    expect(withDragPositions(nodes, new Map([['gone', { x: 1, y: 1 }]]))).toEqual(nodes);
  });
});

describe('farName', () => {
  it('keeps short names and cuts long ones with an ellipsis', () => {
    expect(farName('Step 12')).toBe('Step 12');
    expect(farName('A very long node name')).toBe('A very lon…');
  });
});
