import type { WorkflowNode } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { diffWorkflows, isEmptyDiff } from './workflow-diff.ts';

const node = (
  id: string,
  name: string,
  parameters: Record<string, unknown> = {},
  extra: Partial<WorkflowNode> = {},
): WorkflowNode => ({
  id,
  name,
  type: 'noOp',
  typeVersion: 1,
  position: [0, 0],
  parameters: parameters as WorkflowNode['parameters'],
  ...extra,
});

describe('workflow diff', () => {
  it('lists added, removed and changed nodes with the changed fields', () => {
    const base = {
      nodes: [node('a', 'A', { x: 1 }), node('b', 'B'), node('c', 'C')],
      connections: {},
      settings: {},
    };
    const next = {
      nodes: [node('a', 'A', { x: 2, y: 1 }), node('b', 'B2', {}, { position: [5, 5] }), node('d', 'D')],
      connections: { A: { main: [[{ node: 'B2', type: 'main', index: 0 }]] } },
      settings: {},
    };
    const d = diffWorkflows(base, next);
    expect(d.nodes).toEqual([
      { id: 'a', name: 'A', kind: 'changed', fields: ['parameters.x', 'parameters.y'] },
      { id: 'b', name: 'B2', kind: 'changed', fields: ['name', 'position'] },
      { id: 'd', name: 'D', kind: 'added', fields: [] },
      { id: 'c', name: 'C', kind: 'removed', fields: [] },
    ]);
    expect(d.connectionsChanged).toBe(true);
    expect(d.settingsChanged).toBe(false);
  });

  it('ignores key order and matches re-imported nodes by name', () => {
    const base = {
      nodes: [node('a', 'A', { p: { x: 1, y: 2 } })],
      connections: {},
      settings: { a: 1, b: 2 },
    };
    const next = {
      nodes: [node('zz', 'A', { p: { y: 2, x: 1 } })],
      connections: {},
      settings: { b: 2, a: 1 },
    };
    expect(isEmptyDiff(diffWorkflows(base, next))).toBe(true);
  });

  it('does not match one old node twice', () => {
    const base = { nodes: [node('a', 'A')], connections: {}, settings: {} };
    const next = { nodes: [node('a', 'A'), node('x', 'A')], connections: {}, settings: {} };
    expect(diffWorkflows(base, next).nodes).toEqual([{ id: 'x', name: 'A', kind: 'added', fields: [] }]);
  });
});
