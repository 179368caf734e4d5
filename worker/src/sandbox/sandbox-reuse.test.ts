import type { Item } from '@tandem/shared/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { CodeSandbox } from './code-sandbox.ts';

// One isolate, so every run below reuses the same context unless the sandbox decides to rebuild it.
const sandbox = new CodeSandbox({ maxIsolates: 1 });
afterAll(() => sandbox.dispose());

const run = (code: string, items: Item[] = [{ json: { secret: 'tenant-a-secret' } }]) =>
  sandbox.run({ code, mode: 'runOnceForAllItems', items });
const probe = async (expr: string) =>
  (await run(`return [{ json: { v: ${expr} } }]`, [{ json: {} }])).items[0].json.v;

describe('Code sandbox: no state leaks between executions', () => {
  const cases: [string, string, string, unknown][] = [
    ['global property', 'globalThis.leak = $json.secret', 'globalThis.leak', undefined],
    ['implicit sloppy global', 'leak2 = $json.secret', 'typeof leak2', 'undefined'],
    ['var at top level stays local', 'var leak3 = $json.secret', 'typeof leak3', 'undefined'],
    [
      'non-configurable global',
      'Object.defineProperty(globalThis, "stuck", { value: $json.secret, configurable: false })',
      'typeof stuck',
      'undefined',
    ],
    [
      'symbol-keyed global',
      'globalThis[Symbol.for("k")] = $json.secret',
      'globalThis[Symbol.for("k")]',
      undefined,
    ],
    [
      'Object.prototype (sloppy, ignored)',
      'Object.prototype.poison = $json.secret',
      '({}).poison',
      undefined,
    ],
    ['Array.prototype method', 'Array.prototype.includes = () => true', '[1].includes(2)', false],
    [
      'global prototype swap',
      'try { Object.setPrototypeOf(globalThis, { poison: 1 }) } catch {}',
      'typeof poison',
      'undefined',
    ],
    [
      'global made non-extensible',
      'Object.preventExtensions(globalThis)',
      '(() => { x9 = 1; return typeof x9 })()',
      'number',
    ],
    [
      'Error subclass name is per instance',
      'class E extends Error { constructor() { super("m"); this.name = "E" } } new E()',
      'new Error("x").name',
      'Error',
    ],
    [
      'Luxon shared zone cache',
      'const z = DateTime.now().setZone("Europe/Paris").zone; try { z.offset = () => 999 } catch {}',
      'DateTime.fromISO("2024-01-15T12:00:00Z").setZone("Europe/Paris").offset',
      60,
    ],
    [
      'Luxon formatter cache',
      'const f = DateTime.now().loc.dtFormatter(DateTime.now(), {}); try { f.dtf.format = () => "hacked" } catch {}',
      'DateTime.fromISO("2024-01-15T12:00:00Z", { zone: "utc" }).toLocaleString()',
      '1/15/2024',
    ],
    ['$jmespath helper', 'try { $jmespath.leak = $json.secret } catch {}', '$jmespath.leak', undefined],
    [
      'Luxon UTC zone singleton',
      'const z = DateTime.utc().zone; try { z.fixed = 120 } catch {}',
      'DateTime.utc(2024, 1, 1, 12).setZone("utc").toISO()',
      '2024-01-01T12:00:00.000Z',
    ],
    [
      'data hidden on a cached zone object',
      'const f = DateTime.now().setZone("Europe/Rome").zone; try { f.secret = $json.secret; Object.getPrototypeOf(f).secret2 = 1 } catch {}',
      '[DateTime.now().setZone("Europe/Rome").zone.secret, DateTime.now().setZone("Europe/Rome").zone.secret2].join()',
      ',',
    ],
  ];

  it.each(cases)('%s', async (_name, poison, check, expected) => {
    await run(`${poison}; return [{ json: {} }]`);
    expect(await probe(check)).toEqual(expected);
  });

  it('keeps using one isolate for many runs', async () => {
    for (let i = 0; i < 200; i++) {
      const out = await run('globalThis.n = (globalThis.n || 0) + 1; return [{ json: { n: globalThis.n } }]');
      expect(out.items[0].json.n).toBe(1);
    }
    expect(sandbox.isolateCount).toBe(1);
  });

  it('a later run cannot read an earlier run’s data, even with the same code', async () => {
    const code =
      'const before = globalThis.stash; globalThis.stash = $json.v; return [{ json: { before: before ?? null } }]';
    const a = await run(code, [{ json: { v: 'A' } }]);
    const b = await run(code, [{ json: { v: 'B' } }]);
    expect(a.items[0].json.before).toBeNull();
    expect(b.items[0].json.before).toBeNull();
  });
});

describe('Code sandbox: concurrency', () => {
  it('keeps 60 mixed concurrent runs apart (sync, async, dirtying, Luxon, failing)', async () => {
    const pool = new CodeSandbox({ maxIsolates: 2 });
    const kinds = [
      'globalThis.seen = globalThis.seen ?? []; seen.push($json.id); return [{ json: { id: $json.id, seen: seen.length } }]',
      'await null; leak = $json.id; await null; return [{ json: { id: $json.id, seen: [leak].length } }]',
      'Object.defineProperty(globalThis, "k" + $json.id, { value: 1 }); return [{ json: { id: $json.id, seen: 1 } }]',
      'return [{ json: { id: $json.id, seen: DateTime.fromMillis(0, { zone: "utc" }).year === 1970 ? 1 : 0 } }]',
      'if ($json.id % 2) throw new Error("boom " + $json.id); return [{ json: { id: $json.id, seen: 1 } }]',
    ];
    try {
      const runs = Array.from({ length: 60 }, (_, id) =>
        pool
          .run({ code: kinds[id % kinds.length], mode: 'runOnceForAllItems', items: [{ json: { id } }] })
          .then((r) => r.items[0].json)
          .catch((e: Error) => ({ id, error: e.message })),
      );
      const results = await Promise.all(runs);
      for (const [id, r] of results.entries()) {
        if (id % kinds.length === 4 && id % 2) expect(r).toEqual({ id, error: `Error: boom ${id} [line 1]` });
        else expect(r).toEqual({ id, seen: 1 });
      }
      expect(pool.isolateCount).toBeLessThanOrEqual(2);
    } finally {
      pool.dispose();
    }
  });

  it('isolates concurrent runs from each other', async () => {
    const pool = new CodeSandbox({ maxIsolates: 2 });
    try {
      const code =
        'await null; globalThis.mine = $json.id; await null; return [{ json: { id: $json.id, seen: mine } }]';
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, id) =>
          pool.run({ code, mode: 'runOnceForAllItems', items: [{ json: { id } }] }),
        ),
      );
      for (const [id, r] of results.entries()) expect(r.items[0].json).toEqual({ id, seen: id });
      expect(pool.isolateCount).toBeLessThanOrEqual(2);
    } finally {
      pool.dispose();
    }
  });
});
