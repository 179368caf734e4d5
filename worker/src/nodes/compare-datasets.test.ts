import { describe, expect, it } from 'vitest';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { executeCompareDatasets } from './compare-datasets.ts';

const A = [
  { json: { id: 1, name: 'ann', age: 30 } },
  { json: { id: 2, name: 'bob', age: 25 } },
  { json: { id: 3, name: 'cy', age: 40 } },
];
const B = [
  { json: { key: 1, name: 'ann', age: 30 } },
  { json: { key: 2, name: 'bob', age: 26 } },
  { json: { key: 4, name: 'dee', age: 50 } },
];
const fields = { mergeByFields: { values: [{ field1: 'id', field2: 'key' }] } };

function run(parameters: Record<string, unknown>, a = A, b = B) {
  const out = executeCompareDatasets(
    makeNodeContext({ parameters: { ...fields, ...parameters } as never, inputs: [a, b] as never }).ctx,
  );
  return [0, 1, 2, 3].map((k) => jsonOf(out as never, k));
}

describe('Compare Datasets node', () => {
  it('routes to in-A-only, same, different, in-B-only', () => {
    const [onlyA, same, diff, onlyB] = run({ options: { skipFields: 'key,id' } });
    expect(onlyA).toEqual([{ id: 3, name: 'cy', age: 40 }]);
    expect(same).toEqual([{ id: 1, name: 'ann', age: 30 }]);
    expect(diff).toEqual([{ key: 2, name: 'bob', age: 26 }]);
    expect(onlyB).toEqual([{ key: 4, name: 'dee', age: 50 }]);
  });

  const resolutions: [string, Record<string, unknown>, unknown][] = [
    ['prefer A', { resolve: 'preferInput1' }, { id: 2, name: 'bob', age: 25 }],
    [
      'mix preferring B except name',
      { resolve: 'mix', preferWhenMix: 'input2', exceptWhenMix: 'name' },
      { id: 2, key: 2, name: 'bob', age: 26 },
    ],
    [
      'include both',
      { resolve: 'includeBoth' },
      { keys: { id: 2 }, same: { name: 'bob' }, different: { age: { inputA: 25, inputB: 26 } } },
    ],
  ];
  it.each(resolutions)('resolves differences: %s', (_name, parameters, expected) => {
    const [, , diff] = run({ ...parameters, options: { skipFields: 'key,id' } });
    expect(diff).toEqual([expected]);
  });

  it('compares fuzzily and handles multiple matches', () => {
    const [, same] = run(
      { options: { fuzzyCompare: true, skipFields: 'key,id' } },
      [{ json: { id: '1', name: 'ann', age: '30' } }] as never,
      B as never,
    );
    expect(same).toHaveLength(1);
    const dupB = [...B, { json: { key: 1, name: 'ann', age: 31 } }];
    const [, s1, d1] = run(
      { options: { skipFields: 'key,id', multipleMatches: 'all' } },
      A as never,
      dupB as never,
    );
    expect(s1).toHaveLength(1);
    expect(d1).toHaveLength(2);
  });

  it('requires match fields', () => {
    expect(() => executeCompareDatasets(makeNodeContext({ inputs: [A, B] as never }).ctx)).toThrow(
      /at least one pair/,
    );
  });
});
