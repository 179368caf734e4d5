import type { Item } from '@tandem/shared/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { CodeSandbox } from './code-sandbox.ts';
import { CodeExecutionError, type CodeRunRequest, type NodeDataQuery } from './types.ts';

const sandbox = new CodeSandbox({ maxIsolates: 2 });
afterAll(() => sandbox.dispose());

const items: Item[] = [{ json: { a: 1, name: 'x' } }, { json: { a: 2, name: 'y' } }];
const all = (code: string, extra: Partial<CodeRunRequest> = {}) =>
  sandbox.run({ code, mode: 'runOnceForAllItems', items, ...extra });
const each = (code: string, extra: Partial<CodeRunRequest> = {}) =>
  sandbox.run({ code, mode: 'runOnceForEachItem', items, ...extra });

async function codeError(p: Promise<unknown>): Promise<CodeExecutionError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CodeExecutionError);
    return e as CodeExecutionError;
  }
  throw new Error('expected the code to fail');
}

describe('Code sandbox: run once for all items', () => {
  const cases: [string, string, unknown[]][] = [
    [
      '$input.all()',
      'return $input.all()',
      [
        { a: 1, name: 'x' },
        { a: 2, name: 'y' },
      ],
    ],
    ['items (legacy)', 'return items.map(i => ({ json: { d: i.json.a * 2 } }))', [{ d: 2 }, { d: 4 }]],
    ['plain objects are wrapped', 'return [{ x: 1 }, { y: 2 }]', [{ x: 1 }, { y: 2 }]],
    ['single object becomes one item', 'return { json: { one: true } }', [{ one: true }]],
    [
      'first/last',
      'return [{ json: { f: $input.first().json.a, l: $input.last().json.a } }]',
      [{ f: 1, l: 2 }],
    ],
    ['$json is the first item', 'return [{ json: { a: $json.a } }]', [{ a: 1 }]],
    ['empty array', 'return []', []],
    [
      'const items shadows the global',
      'const items = $input.all(); return items.slice(1)',
      [{ a: 2, name: 'y' }],
    ],
    ['async/await', 'const v = await Promise.resolve(5); return [{ json: { v } }]', [{ v: 5 }]],
    [
      'async function chain',
      'const f = async (x) => x * 3; const r = await Promise.all([f(1), f(2)]); return [{ json: { r } }]',
      [{ r: [3, 6] }],
    ],
    ['dates become strings', 'return [{ json: { d: new Date(0) } }]', [{ d: '1970-01-01T00:00:00.000Z' }]],
    ['$runIndex', 'return [{ json: { r: $runIndex } }]', [{ r: 3 }]],
    [
      '$jmespath',
      'return [{ json: { names: $jmespath($input.all(), "[].json.name") } }]',
      [{ names: ['x', 'y'] }],
    ],
    [
      '$workflow/$execution',
      'return [{ json: { w: $workflow.name, e: $execution.id } }]',
      [{ w: 'WF', e: 'exec-1' }],
    ],
  ];
  it.each(cases)('%s', async (_name, code, expected) => {
    const out = await all(code, {
      meta: { runIndex: 3, workflow: { name: 'WF', id: 'w1' }, execution: { id: 'exec-1', mode: 'manual' } },
    });
    expect(out.items.map((i) => i.json)).toEqual(expected);
  });

  it('pairs output items to input items when counts match, else to item 0 for one input', async () => {
    const same = await all('return $input.all()');
    expect(same.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    const one = await sandbox.run({
      code: 'return [{a:1},{a:2}]',
      mode: 'runOnceForAllItems',
      items: [items[0]],
    });
    expect(one.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
    const kept = await all('return [{ json: {}, pairedItem: { item: 1 } }]');
    expect(kept.items[0].pairedItem).toEqual({ item: 1 });
  });

  it('passes binary data through', async () => {
    const withBinary: Item[] = [{ json: {}, binary: { file: { data: 'aGk=', mimeType: 'text/plain' } } }];
    const out = await sandbox.run({
      code: 'return [{ json: { type: $binary.file.mimeType }, binary: $input.first().binary }]',
      mode: 'runOnceForAllItems',
      items: withBinary,
    });
    expect(out.items[0]).toMatchObject({ json: { type: 'text/plain' }, binary: { file: { data: 'aGk=' } } });
  });

  it('captures console output into logs, capped', async () => {
    const out = await all('console.log("a", { b: 1 }, [2]); console.warn("w"); return []');
    expect(out.logs).toEqual(['a {"b":1} [2]', '[warn] w']);
    const many = await all('for (let i = 0; i < 1500; i++) console.log(i); return []');
    expect(many.logs).toHaveLength(1001);
    expect(many.logs.at(-1)).toBe('… 500 more log lines dropped');
  });

  it('exposes Luxon DateTime and $now in the workflow timezone', async () => {
    const out = await all(
      'return [{ json: { zone: $now.zoneName, day: DateTime.fromISO("2024-02-28").plus({ days: 1 }).toISODate(), today: $today.hour } }]',
      { meta: { timezone: 'America/New_York' } },
    );
    expect(out.items[0].json).toEqual({ zone: 'America/New_York', day: '2024-02-29', today: 0 });
  });
});

describe('Code sandbox: run once for each item', () => {
  it('runs per item with $json, $itemIndex and item pairing', async () => {
    const out = await each(
      'return { json: { ...$json, i: $itemIndex, same: $input.item.json.a === $json.a } }',
    );
    expect(out.items).toEqual([
      { json: { a: 1, name: 'x', i: 0, same: true }, pairedItem: { item: 0 } },
      { json: { a: 2, name: 'y', i: 1, same: true }, pairedItem: { item: 1 } },
    ]);
  });

  it('supports await per item and skips items returning nothing', async () => {
    const out = await each('await null; if ($json.a === 1) return; return { double: $json.a * 2 }');
    expect(out.items).toEqual([{ json: { double: 4 }, pairedItem: { item: 1 } }]);
  });

  it('rejects an array with the n8n hint', async () => {
    const e = await codeError(each('return [$json]'));
    expect(e.kind).toBe('validation');
    expect(e.message).toBe("Code doesn't return a single object [item 0]");
    expect(e.description).toMatch(/Run Once for All Items/);
  });
});

describe('Code sandbox: $() and $node', () => {
  const queries: NodeDataQuery[] = [];
  const nodeData = (q: NodeDataQuery) => {
    queries.push(q);
    if (q.node !== 'Source') return undefined;
    const data = [{ json: { s: 1 } }, { json: { s: 2 } }];
    if (q.kind === 'all') return data;
    if (q.kind === 'first') return data[0];
    if (q.kind === 'last') return data[1];
    if (q.kind === 'item') return data[q.itemIndex ?? 0];
    if (q.kind === 'params') return { p: 'v' };
    if (q.kind === 'isExecuted') return true;
  };

  it('reads other nodes through the host accessor', async () => {
    const out = await each(
      'return { all: $("Source").all().length, first: $("Source").first().json.s, item: $("Source").item.json.s, p: $("Source").params.p, ex: $("Source").isExecuted, legacy: $node["Source"].json.s, none: $("Other").all().length }',
      { nodeData },
    );
    expect(out.items.map((i) => i.json)).toEqual([
      { all: 2, first: 1, item: 1, p: 'v', ex: true, legacy: 1, none: 0 },
      { all: 2, first: 1, item: 2, p: 'v', ex: true, legacy: 2, none: 0 },
    ]);
    expect(queries.some((q) => q.kind === 'item' && q.itemIndex === 1)).toBe(true);
  });

  it('fails clearly on a promise that can never settle', async () => {
    const e = await codeError(all('return [{ json: { v: await new Promise(() => {}) } }]', { nodeData }));
    expect(e.message).toMatch(/never settles/);
  });

  it('rejects an unreasonable node name', async () => {
    const e = await codeError(all('return $("x".repeat(1000)).all()', { nodeData }));
    expect(e.message).toMatch(/at most 256 characters/);
  });
});

describe('Code sandbox: errors', () => {
  const cases: [string, string, string, RegExp][] = [
    [
      'thrown error keeps user line',
      'const a = 1;\nthrow new Error("bad thing")',
      'user',
      /^Error: bad thing \[line 2\]$/,
    ],
    ['thrown string', 'throw "plain"', 'user', /plain/],
    ['type error', 'return null.x', 'user', /TypeError: Cannot read properties of null/],
    ['syntax error with line', 'const a = 1;\nconst = 2;', 'syntax', /SyntaxError: .*\[line 2\]/],
    ['no return', 'const a = 1', 'validation', /Code doesn't return items properly/],
    ['primitive items', 'return [1, 2]', 'validation', /Code doesn't return items properly/],
    ['json not an object', 'return [{ json: 5 }]', 'validation', /'json' property isn't an object/],
    [
      'unknown top-level key',
      'return [{ json: {}, extra: 1 }]',
      'validation',
      /Unknown top-level item key: extra/,
    ],
    ['circular item', 'const o = {}; o.o = o; return [{ json: o }]', 'validation', /can't be serialized/],
    ['bigint', 'return [{ json: { n: 1n } }]', 'validation', /can't be serialized/],
    ['wrapper breakout', '}); globalThis.x = 1; (function(){', 'syntax', /SyntaxError/],
    ['stack overflow', 'const f = () => f(); f()', 'user', /Maximum call stack size exceeded/],
  ];
  it.each(cases)('%s', async (_name, code, kind, message) => {
    const e = await codeError(all(code));
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
  });

  it('gives only the user frames as stack', async () => {
    const e = await codeError(all('function inner() { throw new Error("deep") }\ninner()'));
    expect(e.userStack).toMatch(/code\.js:1/);
    expect(e.userStack).toMatch(/code\.js:2/);
    expect(e.userStack).not.toMatch(/tandem-runtime|isolate-slot|node_modules/);
  });

  it('rejects a bad mode and non-string code', async () => {
    await expect(sandbox.run({ code: 'return []', mode: 'bogus' as never, items })).rejects.toThrow(
      /Unknown mode/,
    );
    await expect(sandbox.run({ code: 5 as never, mode: 'runOnceForAllItems', items })).rejects.toThrow(
      /string/,
    );
  });
});

describe('Code sandbox: asynchronous path (no sync slice)', () => {
  const asyncOnly = new CodeSandbox({ maxIsolates: 1, syncSliceMs: 0 });
  afterAll(() => asyncOnly.dispose());

  it('runs the same code with $() host calls, await and validation', async () => {
    const nodeData = (q: NodeDataQuery) => (q.kind === 'all' ? [{ json: { s: 1 } }] : undefined);
    const out = await asyncOnly.run({
      code: 'await null; console.log("async"); return $("Src").all().concat(items)',
      mode: 'runOnceForAllItems',
      items,
      nodeData,
    });
    expect(out.items.map((i) => i.json)).toEqual([{ s: 1 }, { a: 1, name: 'x' }, { a: 2, name: 'y' }]);
    expect(out.logs).toEqual(['async']);
    await expect(
      asyncOnly.run({ code: 'return 5', mode: 'runOnceForAllItems', items }),
    ).rejects.toMatchObject({ kind: 'validation' });
    await expect(
      asyncOnly.run({ code: 'while(true){}', mode: 'runOnceForAllItems', items, timeoutMs: 100 }),
    ).rejects.toMatchObject({ kind: 'timeout' });
    const again = await asyncOnly.run({
      code: 'return [{ json: { leak: typeof globalThis.x } }]',
      mode: 'runOnceForAllItems',
      items,
    });
    expect(again.items[0].json.leak).toBe('undefined');
  });
});
