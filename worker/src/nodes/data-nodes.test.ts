import { runWorkflow, workflowBuilder } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { pureRegistry, runOne } from './lib/test-run.ts';

const orders = [
  { customer: 'ann', amount: 10, country: 'DE', items: [{ sku: 'x' }, { sku: 'y' }] },
  { customer: 'bob', amount: 5, country: 'FR', items: [{ sku: 'z' }] },
  { customer: 'ann', amount: 7, country: 'DE', items: [] },
];

describe('Edit Fields (Set)', () => {
  const a = (name: string, value: unknown, type: string) => ({ id: name, name, value, type });
  it.each([
    [
      'v3.4 typed assignments with dot paths, other fields dropped',
      3.4,
      {
        assignments: {
          assignments: [
            a('total', '={{ $json.amount * 2 }}', 'number'),
            a('meta.who', '={{ $json.customer }}', 'string'),
            a('flag', 'true', 'boolean'),
          ],
        },
      },
      [{ total: 20, meta: { who: 'ann' }, flag: true }],
    ],
    [
      'v3.4 include other fields',
      3.4,
      { includeOtherFields: true, assignments: { assignments: [a('amount', '12', 'number')] } },
      [{ customer: 'ann', amount: 12 }],
    ],
    [
      'v3.4 dot notation off',
      3.4,
      { assignments: { assignments: [a('a.b', 1, 'number')] }, options: { dotNotation: false } },
      [{ 'a.b': 1 }],
    ],
    [
      'v3.4 array/object types parse JSON',
      3.4,
      { assignments: { assignments: [a('list', '[1,2]', 'array'), a('obj', '{"k":1}', 'object')] } },
      [{ list: [1, 2], obj: { k: 1 } }],
    ],
    [
      'raw JSON mode',
      3.4,
      { mode: 'raw', jsonOutput: '={ "c": "{{ $json.customer }}", "n": 1 }' },
      [{ c: 'ann', n: 1 }],
    ],
    [
      'v3.2 fields.values keep other fields by default',
      3.2,
      { fields: { values: [{ name: 'x', type: 'numberValue', numberValue: 3 }] } },
      [{ customer: 'ann', amount: 10, x: 3 }],
    ],
    [
      'v3.2 include selected',
      3.2,
      {
        include: 'selected',
        includeFields: 'amount',
        fields: { values: [{ name: 'y', type: 'stringValue', stringValue: 'z' }] },
      },
      [{ amount: 10, y: 'z' }],
    ],
    [
      'v2 keepOnlySet',
      2,
      {
        keepOnlySet: true,
        values: {
          string: [{ name: 'who', value: '={{ $json.customer }}' }],
          number: [{ name: 'n', value: 4 }],
        },
      },
      [{ n: 4, who: 'ann' }],
    ],
    [
      'v1 keeps fields',
      1,
      { values: { boolean: [{ name: 'ok', value: true }] } },
      [{ customer: 'ann', amount: 10, ok: true }],
    ],
  ])('%s', async (_n, v, params, expected) => {
    const { outputs, result } = await runOne('set', v, params, [{ customer: 'ann', amount: 10 }]);
    expect(result.error).toBeUndefined();
    expect(outputs[0]).toEqual(expected);
  });

  it('fails clearly on a bad conversion unless ignoreConversionErrors', async () => {
    const p = { assignments: { assignments: [a('n', 'abc', 'number')] } };
    const bad = await runOne('set', 3.4, p, [{}]);
    expect(bad.result.error?.message).toMatch(/'n' expects a number but we got 'abc'/);
    const ok = await runOne('set', 3.4, { ...p, options: { ignoreConversionErrors: true } }, [{}]);
    expect(ok.outputs[0]).toEqual([{ n: 'abc' }]);
    const raw = await runOne('set', 3.4, { mode: 'raw', jsonOutput: '{ nope' }, [{}]);
    expect(raw.result.error?.message).toMatch(/does not contain valid JSON/);
  });
});

describe('Split Out, Aggregate, Summarize', () => {
  it('split out a list of objects, with other fields, and a destination name', async () => {
    const plain = await runOne('splitOut', 1, { fieldToSplitOut: 'items' }, orders);
    expect(plain.outputs[0]).toEqual([{ sku: 'x' }, { sku: 'y' }, { sku: 'z' }]);
    const withOthers = await runOne(
      'splitOut',
      1,
      {
        fieldToSplitOut: 'items',
        include: 'selectedOtherFields',
        fieldsToInclude: 'customer',
        options: { destinationFieldName: 'item' },
      },
      orders,
    );
    expect(withOthers.outputs[0][0]).toEqual({ customer: 'ann', item: { sku: 'x' } });
    const missing = await runOne('splitOut', 1, { fieldToSplitOut: 'nope' }, orders);
    expect(missing.result.error?.message).toMatch(/wasn't found/);
  });

  it('aggregate individual fields and all item data', async () => {
    const ind = await runOne(
      'aggregate',
      1,
      {
        fieldsToAggregate: {
          fieldToAggregate: [
            { fieldToAggregate: 'customer' },
            { fieldToAggregate: 'amount', renameField: true, outputFieldName: 'amounts' },
          ],
        },
      },
      orders,
    );
    expect(ind.outputs[0]).toEqual([{ customer: ['ann', 'bob', 'ann'], amounts: [10, 5, 7] }]);
    const uniq = await runOne(
      'aggregate',
      1,
      {
        fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'customer' }] },
        options: { keepOnlyUnique: true },
      },
      orders,
    );
    expect(uniq.outputs[0]).toEqual([{ customer: ['ann', 'bob'] }]);
    const all = await runOne(
      'aggregate',
      1,
      { aggregate: 'aggregateAllItemData', include: 'specifiedFields', fieldsToInclude: 'customer' },
      orders,
    );
    expect(all.outputs[0]).toEqual([
      { data: [{ customer: 'ann' }, { customer: 'bob' }, { customer: 'ann' }] },
    ]);
  });

  it('summarize with group by', async () => {
    const spec = {
      values: [
        { aggregation: 'sum', field: 'amount' },
        { aggregation: 'count', field: 'customer' },
        { aggregation: 'average', field: 'amount' },
        { aggregation: 'max', field: 'amount' },
        { aggregation: 'concatenate', field: 'customer', separateBy: 'other', customSeparator: '|' },
      ],
    };
    const grouped = await runOne(
      'summarize',
      1.1,
      { fieldsToSummarize: spec, fieldsToSplitBy: 'country' },
      orders,
    );
    expect(grouped.outputs[0]).toEqual([
      {
        country: 'DE',
        sum_amount: 17,
        count_customer: 2,
        average_amount: 8.5,
        max_amount: 10,
        concatenated_customer: 'ann|ann',
      },
      {
        country: 'FR',
        sum_amount: 5,
        count_customer: 1,
        average_amount: 5,
        max_amount: 5,
        concatenated_customer: 'bob',
      },
    ]);
    const total = await runOne(
      'summarize',
      1,
      {
        fieldsToSummarize: {
          values: [
            { aggregation: 'min', field: 'amount' },
            { aggregation: 'countUnique', field: 'customer' },
          ],
        },
      },
      orders,
    );
    expect(total.outputs[0]).toEqual([{ min_amount: 5, unique_count_customer: 2 }]);
  });
});

describe('Sort, Limit, Remove Duplicates, Rename Keys', () => {
  it('sorts by several fields, by code, and randomly', async () => {
    const s = await runOne(
      'sort',
      1,
      {
        sortFieldsUi: {
          sortField: [{ fieldName: 'customer' }, { fieldName: 'amount', order: 'descending' }],
        },
      },
      orders,
    );
    expect(s.outputs[0].map((j) => [j.customer, j.amount])).toEqual([
      ['ann', 10],
      ['ann', 7],
      ['bob', 5],
    ]);
    const c = await runOne(
      'sort',
      1,
      { type: 'code', code: 'return a.json.amount - b.json.amount;' },
      orders,
    );
    expect(c.outputs[0].map((j) => j.amount)).toEqual([5, 7, 10]);
    const r = await runOne('sort', 1, { type: 'random' }, orders);
    expect(r.outputs[0]).toHaveLength(3);
  });

  it('limit first/last', async () => {
    expect((await runOne('limit', 1, { maxItems: 2 }, orders)).outputs[0].map((j) => j.amount)).toEqual([
      10, 5,
    ]);
    expect(
      (await runOne('limit', 1, { maxItems: 2, keep: 'lastItems' }, orders)).outputs[0].map((j) => j.amount),
    ).toEqual([5, 7]);
  });

  it('remove duplicates on all / selected / all-except fields', async () => {
    const rows = [
      { a: 1, b: 1 },
      { a: 1, b: 1 },
      { a: 1, b: 2 },
    ];
    expect((await runOne('removeDuplicates', 1.1, {}, rows)).outputs[0]).toEqual([
      { a: 1, b: 1 },
      { a: 1, b: 2 },
    ]);
    expect(
      (await runOne('removeDuplicates', 2, { compare: 'selectedFields', fieldsToCompare: 'a' }, rows))
        .outputs[0],
    ).toEqual([{ a: 1, b: 1 }]);
    expect(
      (await runOne('removeDuplicates', 1, { compare: 'allFieldsExcept', fieldsToExclude: 'b' }, rows))
        .outputs[0],
    ).toHaveLength(1);
  });

  it('v2 removes items seen in previous executions (static data) and clears the history', async () => {
    const staticData: Record<string, unknown> = {};
    const wf = (operation: string) =>
      workflowBuilder()
        .node('T', 'manualTrigger')
        .node('D', 'removeDuplicates', { operation, dedupeValue: '={{ $json.id }}' }, { typeVersion: 2 })
        .connect('T', 'D')
        .build();
    const go = async (operation: string, ids: number[]) => {
      const r = await runWorkflow({
        workflow: wf(operation),
        nodeTypes: pureRegistry,
        services: { now: () => 0, staticData },
        triggerItems: ids.map((id) => ({ json: { id } })),
      });
      return r.runData.D[0].data.main[0]?.map((i) => i.json.id);
    };
    expect(await go('removeItemsSeenInPreviousExecutions', [1, 2, 2])).toEqual([1, 2]);
    expect(await go('removeItemsSeenInPreviousExecutions', [2, 3])).toEqual([3]);
    await go('clearDeduplicationHistory', [0]);
    expect(await go('removeItemsSeenInPreviousExecutions', [1])).toEqual([1]);
  });

  it('rename keys by path and regex', async () => {
    const { outputs } = await runOne(
      'renameKeys',
      1,
      {
        keys: { key: [{ currentKey: 'a.b', newKey: 'c' }] },
        additionalOptions: {
          regexReplacement: { replacements: [{ searchRegex: '^x_', replaceRegex: 'y_' }] },
        },
      },
      [{ a: { b: 1, k: 2 }, x_1: 3 }],
    );
    expect(outputs[0]).toEqual([{ a: { k: 2 }, c: 1, y_1: 3 }]);
  });

  it('item lists (legacy) maps operations to the new nodes', async () => {
    expect(
      (await runOne('itemLists', 3, { operation: 'limit', maxItems: 1 }, orders)).outputs[0],
    ).toHaveLength(1);
    expect(
      (await runOne('itemLists', 3, { operation: 'splitOutItems', fieldToSplitOut: 'items' }, orders))
        .outputs[0],
    ).toHaveLength(3);
    const agg = await runOne(
      'itemLists',
      2,
      {
        operation: 'aggregateItems',
        fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'amount' }] },
      },
      orders,
    );
    expect(agg.outputs[0]).toEqual([{ amount: [10, 5, 7] }]);
  });
});
