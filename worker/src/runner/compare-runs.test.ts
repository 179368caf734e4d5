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

  it('caps the listed items per node', () => {
    const many = (n: number, v: number) => task(Array.from({ length: n }, (_, i) => ({ i, v })));
    expect(compareRuns({ N: many(500, 1) }, { N: many(500, 2) }, 10)[0].items).toHaveLength(10);
  });
});
