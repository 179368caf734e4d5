import { runWorkflow, workflowBuilder } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { pureRegistry, runOne } from './lib/test-run.ts';

const cond = (leftValue: unknown, type: string, operation: string, rightValue?: unknown) => ({
  leftValue,
  rightValue,
  operator: { type, operation, ...(rightValue === undefined ? { singleValue: true } : {}) },
});
const filter = (conditions: unknown[], combinator = 'and', options: Record<string, unknown> = {}) => ({
  options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', ...options },
  conditions,
  combinator,
});
const people = [
  { name: 'Ann', age: 31, tags: ['a', 'b'], city: 'Berlin', joined: '2024-01-10' },
  { name: 'bob', age: 17, tags: [], city: '', joined: '2025-06-01' },
  { name: 'Cid', age: 45, tags: ['c'], city: 'Paris', joined: '2023-03-03' },
];

describe('If v2', () => {
  it.each([
    ['number gt', [cond('={{ $json.age }}', 'number', 'gt', 18)], 'and', {}, ['Ann', 'Cid']],
    ['string equals, case-sensitive', [cond('={{ $json.name }}', 'string', 'equals', 'Bob')], 'and', {}, []],
    [
      'string equals, ignore case',
      [cond('={{ $json.name }}', 'string', 'equals', 'Bob')],
      'and',
      { caseSensitive: false },
      ['bob'],
    ],
    ['string startsWith', [cond('={{ $json.name }}', 'string', 'startsWith', 'C')], 'and', {}, ['Cid']],
    ['string regex', [cond('={{ $json.name }}', 'string', 'regex', '^[a-z]')], 'and', {}, ['bob']],
    ['string empty', [cond('={{ $json.city }}', 'string', 'empty')], 'and', {}, ['bob']],
    ['array contains', [cond('={{ $json.tags }}', 'array', 'contains', 'c')], 'and', {}, ['Cid']],
    ['array length gte', [cond('={{ $json.tags }}', 'array', 'lengthGte', 1)], 'and', {}, ['Ann', 'Cid']],
    [
      'dateTime after',
      [cond('={{ $json.joined }}', 'dateTime', 'after', '2024-01-01')],
      'and',
      {},
      ['Ann', 'bob'],
    ],
    ['exists', [cond('={{ $json.nope }}', 'string', 'exists')], 'and', {}, []],
    [
      'or combinator',
      [cond('={{ $json.age }}', 'number', 'lt', 18), cond('={{ $json.city }}', 'string', 'equals', 'Paris')],
      'or',
      {},
      ['bob', 'Cid'],
    ],
  ])('%s', async (_n, conditions, combinator, options, trueNames) => {
    const { outputs } = await runOne(
      'if',
      2.2,
      { conditions: filter(conditions, combinator as string, options) },
      people,
    );
    expect(outputs[0].map((j) => j.name)).toEqual(trueNames);
    expect(outputs[1].map((j) => j.name)).toEqual(
      people.map((p) => p.name).filter((n) => !(trueNames as string[]).includes(n)),
    );
  });

  it('strict type validation fails clearly; loose converts', async () => {
    const c = [cond('={{ String($json.age) }}', 'number', 'gt', 18)];
    const strict = await runOne('if', 2.2, { conditions: filter(c) }, people);
    expect(strict.result.status).toBe('error');
    expect(strict.result.error?.message).toMatch(/Wrong type: '31' is a string but was expecting a number/);
    const loose = await runOne('if', 2.2, { conditions: filter(c), looseTypeValidation: true }, people);
    expect(loose.outputs[0].map((j) => j.name)).toEqual(['Ann', 'Cid']);
  });

  it('If v1 with values omitted by the export (defaults 0 / "")', async () => {
    const { outputs } = await runOne(
      'if',
      1,
      { conditions: { number: [{ value1: '={{ $json.age - 31 }}' }] } },
      people,
    );
    // number default operation is "smaller", value2 defaults to 0
    expect(outputs[0].map((j) => j.name)).toEqual(['bob']);
  });

  it('If v1 legacy conditions', async () => {
    const conditions = {
      number: [{ value1: '={{ $json.age }}', operation: 'larger', value2: 40 }],
      string: [{ value1: '={{ $json.name }}', operation: 'contains', value2: 'n' }],
    };
    const all = await runOne('if', 1, { conditions }, people);
    expect(all.outputs[0]).toEqual([]);
    const any = await runOne('if', 1, { conditions, combineOperation: 'any' }, people);
    expect(any.outputs[0].map((j) => j.name)).toEqual(['Ann', 'Cid']);
  });
});

describe('Filter', () => {
  it('keeps matching items (v2) and v1 legacy', async () => {
    const v2 = await runOne(
      'filter',
      2,
      { conditions: filter([cond('={{ $json.age }}', 'number', 'gte', 31)]) },
      people,
    );
    expect(v2.outputs[0].map((j) => j.name)).toEqual(['Ann', 'Cid']);
    const v1 = await runOne(
      'filter',
      1,
      { conditions: { string: [{ value1: '={{ $json.city }}', operation: 'isNotEmpty' }] } },
      people,
    );
    expect(v1.outputs[0].map((j) => j.name)).toEqual(['Ann', 'Cid']);
  });
});

describe('Switch', () => {
  const rules = (...conds: unknown[][]) => ({ values: conds.map((c) => ({ conditions: filter(c) })) });
  it('v3 rules: first match, fallback none / extra / allMatchingOutputs', async () => {
    const r = rules(
      [cond('={{ $json.age }}', 'number', 'gt', 40)],
      [cond('={{ $json.age }}', 'number', 'gt', 18)],
    );
    const none = await runOne('switch', 3.2, { rules: r }, people);
    expect(none.outputs.map((o) => o.map((j) => j.name))).toEqual([['Cid'], ['Ann']]);
    const extra = await runOne('switch', 3.2, { rules: r, options: { fallbackOutput: 'extra' } }, people);
    expect(extra.outputs.map((o) => o.map((j) => j.name))).toEqual([['Cid'], ['Ann'], ['bob']]);
    const all = await runOne(
      'switch',
      3.2,
      { rules: r, options: { allMatchingOutputs: true, fallbackOutput: 0 } },
      people,
    );
    expect(all.outputs.map((o) => o.map((j) => j.name))).toEqual([
      ['bob', 'Cid'],
      ['Ann', 'Cid'],
    ]);
  });

  it('v3 expression mode routes by index and rejects out-of-range', async () => {
    const ok = await runOne(
      'switch',
      3,
      { mode: 'expression', numberOutputs: 3, output: '={{ $json.age > 40 ? 2 : 0 }}' },
      people,
    );
    expect(ok.outputs.map((o) => o.map((j) => j.name))).toEqual([['Ann', 'bob'], [], ['Cid']]);
    const bad = await runOne(
      'switch',
      3,
      { mode: 'expression', numberOutputs: 2, output: '={{ 5 }}' },
      people,
    );
    expect(bad.result.error?.message).toMatch(/output 5 is not allowed/);
  });

  it('v1 legacy rules with fallback', async () => {
    const p = {
      dataType: 'string',
      value1: '={{ $json.city }}',
      rules: { rules: [{ operation: 'equal', value2: 'Paris', output: 1 }] },
      fallbackOutput: 3,
    };
    const { outputs } = await runOne('switch', 1, p, people);
    expect(outputs.map((o) => o.map((j) => j.name))).toEqual([[], ['Cid'], [], ['Ann', 'bob']]);
  });
});

describe('Merge', () => {
  const left = [
    { id: 1, name: 'a' },
    { id: 2, name: 'b' },
    { id: 3, name: 'c' },
  ];
  const right = [
    { id: 2, score: 20 },
    { id: 3, score: 30 },
    { id: 4, score: 40 },
  ];
  it.each([
    ['append', { mode: 'append' }, [...left, ...right]],
    [
      'inner join',
      { mode: 'combine', fieldsToMatchString: 'id', joinMode: 'keepMatches' },
      [
        { id: 2, name: 'b', score: 20 },
        { id: 3, name: 'c', score: 30 },
      ],
    ],
    [
      'left join',
      { mode: 'combine', fieldsToMatchString: 'id', joinMode: 'enrichInput1' },
      [
        { id: 1, name: 'a' },
        { id: 2, name: 'b', score: 20 },
        { id: 3, name: 'c', score: 30 },
      ],
    ],
    [
      'right join',
      { mode: 'combine', fieldsToMatchString: 'id', joinMode: 'enrichInput2' },
      [
        { id: 2, name: 'b', score: 20 },
        { id: 3, name: 'c', score: 30 },
        { id: 4, score: 40 },
      ],
    ],
    [
      'full outer join',
      { mode: 'combine', fieldsToMatchString: 'id', joinMode: 'keepEverything' },
      [
        { id: 2, name: 'b', score: 20 },
        { id: 3, name: 'c', score: 30 },
        { id: 1, name: 'a' },
        { id: 4, score: 40 },
      ],
    ],
    [
      'anti join',
      { mode: 'combine', fieldsToMatchString: 'id', joinMode: 'keepNonMatches', outputDataFrom: 'input1' },
      [{ id: 1, name: 'a' }],
    ],
    [
      'matches from input 2',
      { mode: 'combine', fieldsToMatchString: 'id', joinMode: 'keepMatches', outputDataFrom: 'input2' },
      [
        { id: 2, score: 20 },
        { id: 3, score: 30 },
      ],
    ],
    [
      'advanced field pairs',
      {
        mode: 'combine',
        advanced: true,
        mergeByFields: { values: [{ field1: 'id', field2: 'id' }] },
        joinMode: 'keepMatches',
      },
      [
        { id: 2, name: 'b', score: 20 },
        { id: 3, name: 'c', score: 30 },
      ],
    ],
    [
      'by position',
      { mode: 'combine', combineBy: 'combineByPosition' },
      [
        { id: 2, name: 'a', score: 20 },
        { id: 3, name: 'b', score: 30 },
        { id: 4, name: 'c', score: 40 },
      ],
    ],
    ['choose branch 2', { mode: 'chooseBranch', useDataOfInput: 2 }, right],
  ])('v3 %s', async (_n, params, expected) => {
    const { outputs, result } = await runOne('merge', 3.2, params, left, right);
    expect(result.status).toBe('success');
    expect(outputs[0]).toEqual(expected);
  });

  it('clash handling prefers input 1 when asked; all combinations', async () => {
    const a = await runOne(
      'merge',
      3,
      {
        mode: 'combine',
        fieldsToMatchString: 'id',
        options: { clashHandling: { values: { resolveClash: 'preferInput1' } } },
      },
      [{ id: 1, v: 'L' }],
      [{ id: 1, v: 'R' }],
    );
    expect(a.outputs[0]).toEqual([{ id: 1, v: 'L' }]);
    const all = await runOne(
      'merge',
      3,
      { mode: 'combine', combineBy: 'combineAll' },
      [{ a: 1 }, { a: 2 }],
      [{ b: 1 }, { b: 2 }],
    );
    expect(all.outputs[0]).toHaveLength(4);
  });

  it('v2 mergeByFields and v1 mergeByKey', async () => {
    const v2 = await runOne(
      'merge',
      2.1,
      {
        mode: 'combine',
        mergeByFields: { values: [{ field1: 'id', field2: 'id' }] },
        joinMode: 'keepMatches',
      },
      left,
      right,
    );
    expect(v2.outputs[0]).toHaveLength(2);
    const v1 = await runOne(
      'merge',
      1,
      { mode: 'mergeByKey', propertyName1: 'id', propertyName2: 'id' },
      left,
      right,
    );
    expect(v1.outputs[0]).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b', score: 20 },
      { id: 3, name: 'c', score: 30 },
    ]);
  });

  it('append runs with one empty input (v1 order), chooseBranch does not', async () => {
    const a = await runOne('merge', 3, { mode: 'append' }, left, []);
    expect(a.outputs[0]).toEqual(left);
    const c = await runOne('merge', 3, { mode: 'chooseBranch', useDataOfInput: 1 }, left, []);
    expect(c.result.runData.Node).toBeUndefined();
  });

  it('SQL mode says it is unsupported', async () => {
    const { result } = await runOne('merge', 3, { mode: 'combineBySql' }, left, right);
    expect(result.error?.message).toMatch(/not supported/);
  });
});

describe('Loop Over Items', () => {
  it('runs the body per batch and emits all processed items on done, with paired items intact', async () => {
    const wf = workflowBuilder()
      .node('Trigger', 'manualTrigger')
      .node('Loop', 'splitInBatches', { batchSize: 2 }, { typeVersion: 3 })
      .node(
        'Body',
        'set',
        {
          assignments: {
            assignments: [{ name: 'src', value: "={{ $('Trigger').item.json.n }}", type: 'number' }],
          },
          includeOtherFields: true,
        },
        { typeVersion: 3.4 },
      )
      .node('Done', 'noOp')
      .connect('Trigger', 'Loop')
      .connect('Loop', 'Done', 0)
      .connect('Loop', 'Body', 1)
      .connect('Body', 'Loop')
      .build();
    const r = await runWorkflow({
      workflow: wf,
      nodeTypes: pureRegistry,
      services: { now: () => 0 },
      triggerItems: [1, 2, 3, 4, 5].map((n) => ({ json: { n } })),
    });
    expect(r.status).toBe('success');
    expect(r.runData.Body).toHaveLength(3);
    expect(r.runData.Done[0].data.main[0]?.map((i) => i.json)).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ n, src: n })),
    );
  });
});

describe('Split In Batches v1 (legacy)', () => {
  it('uses n8n v1 default batch size 10 when the export omits it', async () => {
    const { outputs } = await runOne(
      'splitInBatches',
      1,
      {},
      Array.from({ length: 12 }, (_, i) => ({ i })),
    );
    expect(outputs).toHaveLength(1);
    expect(outputs[0].map((j) => j.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('No Operation, Stop and Error', () => {
  it('noOp passes through; stopAndError fails with the message and is not retried', async () => {
    expect((await runOne('noOp', 1, {}, [{ a: 1 }])).outputs[0]).toEqual([{ a: 1 }]);
    const r = await runOne('stopAndError', 1, { errorMessage: '=bad {{ $json.a }}' }, [{ a: 1 }]);
    expect(r.result.status).toBe('error');
    expect(r.result.error?.message).toBe('bad 1');
    const o = await runOne(
      'stopAndError',
      1,
      { errorType: 'errorObject', errorObject: '{"message":"obj","code":7}' },
      [{}],
    );
    expect(o.result.error?.message).toBe('obj');
  });
});
