import { applyOps, docParts, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { handleIndex, reconcileNodes, toFlowEdges } from './graph-model.ts';
import { readEdges, readNode, uniqueName } from './read-doc.ts';

const doc = () =>
  workflowToDoc(
    WorkflowJson.parse({
      name: 'w',
      nodes: [
        { id: 'a', name: 'A', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        {
          id: 'b',
          name: 'B',
          type: 'set',
          typeVersion: 3,
          position: [200, 0],
          parameters: { x: { y: [1, 2] } },
        },
        {
          id: 's',
          name: 'Note',
          type: 'n8n-nodes-base.stickyNote',
          typeVersion: 1,
          position: [0, 300],
          parameters: { content: 'hi', width: 300, height: 200 },
        },
      ],
      connections: { A: { main: [[{ node: 'B', type: 'main', index: 0 }]] } },
    }),
  );

describe('canvas model', () => {
  it('reads nodes, sticky notes and edges from the document', () => {
    const d = doc();
    const nodes = reconcileNodes([], docParts(d).nodes, null);
    expect(nodes.map((n) => [n.id, n.type])).toEqual([
      ['a', 'tandem'],
      ['b', 'tandem'],
      ['s', 'sticky'],
    ]);
    const sticky = nodes.find((n) => n.id === 's')!;
    expect([sticky.width, sticky.height, sticky.zIndex]).toEqual([300, 200, -1]);
    expect(nodes[1].data.parameters).toEqual({ x: { y: [1, 2] } });
    const edges = toFlowEdges(readEdges(d), []);
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ source: 'a', target: 'b', sourceHandle: 'o0', targetHandle: 'i0' });
  });

  it('keeps object identity of untouched nodes and local UI state of touched ones', () => {
    const d = doc();
    const first = reconcileNodes([], docParts(d).nodes, null).map((n) =>
      n.id === 'b' ? { ...n, selected: true, measured: { width: 220, height: 64 } } : n,
    );
    applyOps(d, [{ op: 'moveNode', nodeId: 'b', position: [500, 50] }], { actor: { userId: 'u' } });
    const next = reconcileNodes(first, docParts(d).nodes, new Set(['b']));
    expect(next[0]).toBe(first[0]);
    expect(next[1]).not.toBe(first[1]);
    expect(next[1]).toMatchObject({
      position: { x: 500, y: 50 },
      selected: true,
      measured: { width: 220, height: 64 },
    });
  });

  it('reuses edge objects across rebuilds so unchanged edges do not re-render', () => {
    const d = doc();
    const first = toFlowEdges(readEdges(d), []).map((e) => ({ ...e, selected: true }));
    applyOps(d, [{ op: 'connect', edge: { source: 'b', target: 'a' } }], { actor: { userId: 'u' } });
    const next = toFlowEdges(readEdges(d), first);
    expect(next).toHaveLength(2);
    expect(next[0]).toBe(first[0]);
    expect(next[1]).toMatchObject({ source: 'b', target: 'a' });
  });

  it('returns the same list when a change shows nothing new (attribution only, or our own drag echo)', () => {
    const d = doc();
    const first = reconcileNodes([], docParts(d).nodes, null);
    const dragging = first.map((n) =>
      n.id === 'b' ? { ...n, dragging: true, position: { x: 900, y: 9 } } : n,
    );
    applyOps(d, [{ op: 'moveNode', nodeId: 'b', position: [900, 9] }], { actor: { userId: 'u' } });
    expect(reconcileNodes(dragging, docParts(d).nodes, new Set(['b']))).toBe(dragging);
    applyOps(d, [{ op: 'setParameter', nodeId: 'a', path: ['x'], value: 1 }], { actor: { userId: 'u' } });
    const next = reconcileNodes(dragging, docParts(d).nodes, new Set(['a']));
    expect(next).not.toBe(dragging);
    expect(next[0].data.parameters).toEqual({ x: 1 });
  });

  it('drops removed nodes (and their edges) and appends new ones', () => {
    const d = doc();
    const first = reconcileNodes([], docParts(d).nodes, null);
    applyOps(
      d,
      [
        { op: 'removeNode', nodeId: 'a' },
        {
          op: 'addNode',
          node: { id: 'c', name: 'C', type: 'noOp', typeVersion: 1, position: [1, 2], parameters: {} },
        },
      ],
      { actor: { userId: 'u' } },
    );
    const next = reconcileNodes(first, docParts(d).nodes, new Set(['a', 'c']));
    expect(next.map((n) => n.id)).toEqual(['b', 's', 'c']);
    expect(readEdges(d)).toEqual([]);
  });

  it('skips entries a peer wrote in a bad shape', () => {
    const d = doc();
    docParts(d).nodes.set('junk', 5 as never);
    docParts(d).edges.set('e', { source: 'a', target: 7 } as never);
    expect(reconcileNodes([], docParts(d).nodes, null).map((n) => n.id)).not.toContain('junk');
    expect(readNode('x', 'nope')).toBeNull();
    expect(readEdges(d)).toHaveLength(1);
  });

  it('parses handle ids and makes unique names like n8n', () => {
    expect(handleIndex('o2')).toBe(2);
    expect(handleIndex(null)).toBe(0);
    expect(handleIndex('zz')).toBe(0);
    expect(uniqueName('Code', new Set(['Code']))).toBe('Code1');
    expect(uniqueName('Code1', new Set(['Code1', 'Code2']))).toBe('Code3');
    expect(uniqueName('  ', new Set())).toBe('Node');
  });
});
