import { describe, expect, it } from 'vitest';
import type { RunData } from '../engine/types.ts';
import { type ExpressionContext, ItemDataScope } from './data.ts';
import { evaluateExpression, resolveParameter } from './resolve.ts';
import { compileTemplate } from './template.ts';

const runData: RunData = {
  Webhook: [
    {
      startTime: 0,
      executionTime: 0,
      status: 'success',
      source: [null],
      data: { main: [[{ json: { user: 'ann' } }, { json: { user: 'bob' } }]] },
    },
  ],
  Set: [
    {
      startTime: 0,
      executionTime: 0,
      status: 'success',
      source: [{ previousNode: 'Webhook', previousNodeOutput: 0, previousNodeRun: 0 }],
      data: {
        main: [
          [
            { json: { n: 1 }, pairedItem: { item: 1 } },
            { json: { n: 2 }, pairedItem: { item: 0 } },
          ],
        ],
      },
    },
  ],
};

function scope(over: Partial<ExpressionContext> = {}, itemIndex = 0): ItemDataScope {
  const s = new ItemDataScope({
    nodeName: 'Current',
    parameters: { mode: 'x' },
    inputs: [runData.Set[0].data.main[0]!],
    source: [{ previousNode: 'Set', previousNodeOutput: 0, previousNodeRun: 0 }],
    runIndex: 2,
    runData,
    workflow: { id: 'wf1', name: 'My flow', active: true },
    execution: { id: 'ex1', mode: 'webhook', customData: {} },
    timezone: 'Europe/Berlin',
    now: () => Date.UTC(2026, 0, 15, 23, 30),
    nodeParameters: (n) => (n in runData || n === 'Current' ? { p: n } : undefined),
    ...over,
  });
  s.itemIndex = itemIndex;
  return s;
}

const ev = (code: string, itemIndex = 0) =>
  evaluateExpression(code, scope({}, itemIndex), { node: 'Current' });

describe('expressions: n8n variables', () => {
  it.each([
    ['={{ $json.n }}', 1],
    ['={{ $json.n * 2 }}', 2],
    ['={{ $input.item.json.n }}', 1],
    ['={{ $input.all().length }}', 2],
    ['={{ $input.first().json.n + $input.last().json.n }}', 3],
    ["={{ $('Webhook').item.json.user }}", 'bob'],
    ["={{ $('Webhook').all().map(i => i.json.user).join() }}", 'ann,bob'],
    ["={{ $('Webhook').first().json.user }}", 'ann'],
    ["={{ $('Webhook').last().json.user }}", 'bob'],
    ["={{ $('Webhook').isExecuted }}", true],
    ["={{ $('Set').params.p }}", 'Set'],
    ['={{ $node["Webhook"].json.user }}', 'bob'],
    ['={{ $prevNode.name }}', 'Set'],
    ['={{ $workflow.name + "/" + $workflow.id + "/" + $workflow.active }}', 'My flow/wf1/true'],
    ['={{ $execution.id + $execution.mode }}', 'ex1webhook'],
    ['={{ $itemIndex }}', 0],
    ['={{ $runIndex }}', 2],
    ['={{ $now.zoneName }}', 'Europe/Berlin'],
    ['={{ $now.day }}', 16],
    ['={{ $today.hour }}', 0],
    ['={{ $jmespath({a: {b: [1, 2, 3]}}, "a.b[-1]") }}', 3],
    ['={{ $parameter.mode }}', 'x'],
    ['={{ $if($json.n > 0, "pos", "neg") }}', 'pos'],
    ['={{ $ifEmpty("", "default") }}', 'default'],
  ])('%s → %j', (code, expected) => {
    expect(ev(code)).toEqual(expected);
  });

  it('paired items follow the item being processed', () => {
    expect(ev("={{ $('Webhook').item.json.user }}", 1)).toBe('ann');
  });

  it('reports unknown and not-executed nodes clearly', () => {
    expect(() => ev("={{ $('Nope').item }}")).toThrow(/Referenced node "Nope" doesn't exist/);
    const s = scope({ nodeParameters: () => ({}) });
    expect(() => evaluateExpression("={{ $('Other').first() }}", s)).toThrow(/hasn't been executed/);
  });
});

describe('expressions: language', () => {
  it.each([
    ['=plain text', 'plain text'],
    ['=n is {{ $json.n }}!', 'n is 1!'],
    ['={{ $json }}', { n: 1 }],
    ['=obj: {{ $json }}', 'obj: {"n":1}'],
    ['=a{{ null }}b{{ undefined }}c', 'abc'],
    ['={{ [1, 2, 3].filter(x => x > 1).map((x, i) => x * i) }}', [0, 3]],
    ['={{ (({a, b = 2, ...rest}) => a + b + Object.keys(rest).length)({a: 1, c: 3}) }}', 4],
    ['={{ (([x, , y]) => x + y)([1, 2, 3]) }}', 4],
    ['={{ $json?.missing?.deep ?? "fallback" }}', 'fallback'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source text
    ['={{ `n=${$json.n}` }}', 'n=1'],
    ['={{ {a: 1, ...{b: 2}, ["c" + 1]: 3} }}', { a: 1, b: 2, c1: 3 }],
    ['={{ typeof nothing }}', 'undefined'],
    [
      '={{ (() => { let t = 0; for (let i = 0; i < 5; i++) { if (i === 3) continue; t += i } return t })() }}',
      7,
    ],
    ['={{ (() => { const o = {}; o.x = 1; o.x += 2; o.y ??= 5; return o })() }}', { x: 3, y: 5 }],
    ['={{ /ab+c/i.test("xABBC") }}', true],
    ['={{ "a-b-c".split("-").reverse().join("") }}', 'cba'],
    ['={{ Math.max(1, 5, 3) + Number("2") + parseInt("3") }}', 10],
    ['={{ JSON.stringify({a: [1]}) }}', '{"a":[1]}'],
    ['={{ new Date(0).toISOString() }}', '1970-01-01T00:00:00.000Z'],
    ['={{ DateTime.fromISO("2024-01-02").plus({days: 1}).toISODate() }}', '2024-01-03'],
    ['={{ "hello world".toTitleCase() }}', 'Hello World'],
    ['={{ [1, 2, 3].sum() + [4, 5].last() }}', 11],
    ['={{ (3.14159).round(2) }}', 3.14],
    ['={{ "x@example.com".extractDomain() }}', 'example.com'],
    ['={{ ({}).isEmpty() && [].isEmpty() && !"a".isEmpty() }}', true],
    ['={{ 2 ** 10 }}', 1024],
    ['={{ "a" in {a: 1} }}', true],
    ['={{ new Date() instanceof Date }}', true],
  ])('%s → %j', (code, expected) => {
    expect(ev(code)).toEqual(expected);
  });

  it('errors name node, parameter and the position in the parameter string', () => {
    const s = scope();
    expect(() => evaluateExpression('=x {{ $json.n.a.b }}', s, { node: 'Set', parameter: 'value' })).toThrow(
      /Cannot read properties of undefined \(reading 'b'\) \[node "Set", parameter "value", position 16\]/,
    );
    expect(() => evaluateExpression('={{ 1 + }}', s, { node: 'Set', parameter: 'v' })).toThrow(
      /Syntax error.*position \d+/,
    );
    expect(() => evaluateExpression('={{ 1 ', s)).toThrow(/Expected "}}"/);
    expect(() => evaluateExpression('={{ nope }}', s)).toThrow(/nope is not defined/);
  });

  it('compiles once per parameter string', () => {
    expect(compileTemplate('={{ $json.n + 100 }}')).toBe(compileTemplate('={{ $json.n + 100 }}'));
  });

  it('resolveParameter resolves nested expressions and keeps plain values', () => {
    const plain = { a: 1, b: ['x'] };
    expect(resolveParameter(plain, scope())).toBe(plain);
    expect(resolveParameter({ a: '={{ $json.n }}', list: ['={{ 1 + 1 }}', 'k'] }, scope())).toEqual({
      a: 1,
      list: [2, 'k'],
    });
  });
});
