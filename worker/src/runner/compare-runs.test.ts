import type { RunData, TaskData } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare-runs.ts';

const task = (...outputs: Array<Array<Record<string, unknown>>>): TaskData[] => [
  {
    startTime: 0,
    executionTime: 1,
    status: 'success',
    source: [],
    data: { main: outputs.map((o) => o.map((json) => ({ json }))) },
  },
];

describe('compareRuns', () => {
  it('reports per node and per item what differs, ignoring key order', () => {
    const a: RunData = { T: task([{ x: 1 }]), S: task([{ a: 1, b: 2 }, { a: 3 }]), Old: task([{}]) };
    const b: RunData = {
      T: task([{ x: 1 }]),
      S: task([{ b: 2, a: 1 }, { a: 4 }, { a: 5 }]),
      New: task([], [{ y: 1 }]),
    };
    const byNode = Object.fromEntries(compareRuns(a, b).map((n) => [n.node, n]));
    expect(byNode.T.status).toBe('same');
    expect(byNode.S).toMatchObject({
      status: 'changed',
      itemsA: 2,
      itemsB: 3,
      items: [
        { output: 0, index: 1, change: 'changed', a: { a: 3 }, b: { a: 4 } },
        { output: 0, index: 2, change: 'added', b: { a: 5 } },
      ],
    });
    expect(byNode.Old.status).toBe('only-a');
    expect(byNode.New).toMatchObject({ status: 'only-b', itemsB: 1 });
  });

  it('counts the items a run did not keep (over the storage limit) and does not compare them', () => {
    const kept = task(Array.from({ length: 3 }, (_, i) => ({ i })));
    const dropped: TaskData[] = [{ ...task([])[0], data: { main: [[]] }, itemsDropped: [3] }];
    const [same] = compareRuns({ N: dropped }, { N: kept });
    expect(same).toMatchObject({ status: 'changed', itemsA: 3, itemsB: 3, notKeptA: true, items: [] });
    expect(same.notKeptB).toBeUndefined();
    expect(compareRuns({ N: kept }, { N: dropped })[0]).toMatchObject({
      itemsB: 3,
      notKeptB: true,
      items: [],
    });
    expect(compareRuns({ N: dropped }, {})[0]).toMatchObject({ status: 'only-a', itemsA: 3, notKeptA: true });
  });

  it('caps the listed items per node', () => {
    const many = (n: number, v: number) => task(Array.from({ length: n }, (_, i) => ({ i, v })));
    expect(compareRuns({ N: many(500, 1) }, { N: many(500, 2) }, 10)[0].items).toHaveLength(10);
  });
});
