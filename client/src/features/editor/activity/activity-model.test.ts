import { applyOps, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { attachNodes, describeFields, groupActivity, readAttributions } from './activity-model.ts';

const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, s)).toISOString();
const entry = (seq: number, userId: string | null, name: string, s: number) => ({
  seq,
  at: at(s),
  userId,
  name,
  bytes: 10,
});

describe('activity model', () => {
  it('groups runs of changes by one person (newest first), splitting at a pause or another person', () => {
    const groups = groupActivity(
      [
        entry(6, 'u1', 'Ada', 50),
        entry(5, 'u1', 'Ada', 45),
        entry(4, 'u2', 'Bob', 40),
        entry(3, 'u1', 'Ada', 30),
        entry(2, 'u1', 'Ada', 0),
        entry(1, null, 'Tandem', -1),
      ],
      20_000,
    );
    expect(groups.map((g) => [g.name, g.changes, g.key])).toEqual([
      ['Ada', 2, '6'],
      ['Bob', 1, '4'],
      ['Ada', 1, '3'],
      ['Ada', 1, '2'],
      ['Tandem', 1, '1'],
    ]);
    expect(groups[0].from).toBe(Date.parse(at(45)));
    expect(groups[0].to).toBe(Date.parse(at(50)));
    expect(groupActivity([{ ...entry(1, 'u1', 'Ada', 0), at: 'garbage' }])).toEqual([]);
  });

  it('links a group to the nodes its person changed during it, from the document’s attribution', () => {
    const doc = workflowToDoc(WorkflowJson.parse({ name: 'w', nodes: [] }));
    const add = (id: string) => ({
      op: 'addNode' as const,
      node: {
        id,
        name: `Node ${id}`,
        type: 'code',
        typeVersion: 1,
        position: [0, 0] as [number, number],
        parameters: {},
      },
    });
    const t0 = Date.parse(at(0));
    applyOps(doc, [add('a')], { actor: { userId: 'u1', name: 'Ada' }, now: t0 });
    applyOps(doc, [add('b')], { actor: { userId: 'u2', name: 'Bob' }, now: t0 + 1000 });
    applyOps(doc, [{ op: 'setParameter', nodeId: 'a', path: ['jsCode'], value: 'x' }], {
      actor: { userId: 'u1', name: 'Ada' },
      now: t0 + 2000,
    });
    applyOps(doc, [{ op: 'moveNode', nodeId: 'b', position: [5, 5] }], {
      actor: { userId: 'u1', name: 'Ada' },
      now: t0 + 600_000,
    });
    const attrs = readAttributions(doc);
    const [ada, bob, adaLater] = attachNodes(
      [
        { key: '3', userId: 'u1', name: 'Ada', from: t0, to: t0 + 2000, changes: 2, nodes: [] },
        { key: '2', userId: 'u2', name: 'Bob', from: t0 + 1000, to: t0 + 1000, changes: 1, nodes: [] },
        { key: '1', userId: 'u1', name: 'Ada', from: t0 + 600_000, to: t0 + 600_000, changes: 1, nodes: [] },
      ],
      attrs,
      5000,
    );
    expect(ada.nodes).toEqual([
      { nodeId: 'a', name: 'Node a', fields: expect.arrayContaining(['node', 'parameters.jsCode']) },
    ]);
    expect(bob.nodes.map((n) => n.nodeId)).toEqual(['b']);
    expect(adaLater.nodes).toEqual([{ nodeId: 'b', name: 'Node b', fields: ['position'] }]);
  });

  it('says in words what changed on a node', () => {
    expect(describeFields(['node', 'position', 'parameters.url', 'parameters.options.timeout'])).toBe(
      'added, moved, changed url, options.timeout',
    );
    expect(describeFields(['name', 'disabled'])).toBe('renamed, changed disabled');
    expect(describeFields([''])).toBe('edited');
  });
});
