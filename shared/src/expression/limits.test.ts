import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ItemDataScope } from './data.ts';
import { compileTemplate } from './template.ts';
import './extensions.ts';

/** Finding 5: one evaluation's allocations are bounded, with errors naming the limit; the process survives. */

const scope = new ItemDataScope({
  nodeName: 'N',
  parameters: {},
  inputs: [[{ json: { list: [1, 2, 3], text: 'a,b,c' } }]],
  source: [null],
  runIndex: 0,
  runData: {},
  workflow: { name: 'w', active: false },
  execution: { id: 'e', mode: 'manual', customData: {} },
  timezone: 'UTC',
  now: () => 0,
  nodeParameters: () => ({}),
});
const ev = (code: string) => compileTemplate(`={{ ${code} }}`).evaluate(scope);

describe('allocation limits', () => {
  it.each([
    ["'x'.repeat(1e7 + 1)", /string larger than 10,000,000 characters/],
    ["'x'.padEnd(1e7 + 1)", /string larger than 10,000,000 characters/],
    ["'ab'.repeat(4e6).concat('ab'.repeat(2e6))", /string larger than 10,000,000 characters/],
    ["'x'.repeat(4e6).replaceAll('x', 'abc')", /string larger than 10,000,000 characters/],
    ["Array.from({ length: 11 }, () => 'x'.repeat(1e6)).join('')", /string larger than 10,000,000/],
    ["'x'.repeat(6e6) + 'y'.repeat(6e6)", /string larger than 10,000,000 characters/],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source text
    ["`${'x'.repeat(6e6)}-${'y'.repeat(6e6)}`", /string larger than 10,000,000 characters/],
    ["'a,'.repeat(2e6).split(',')", /array larger than 1,000,000 elements/],
    ["'x'.repeat(2e6).split('')", /array larger than 1,000,000 elements/],
    ['Array.from({ length: 1e6 + 1 })', /array larger than 1,000,000 elements/],
    ['new Array(1e6 + 1)', /array larger than 1,000,000 elements/],
    ['[...Array.from({ length: 6e5 }), ...Array.from({ length: 6e5 })]', /larger than 1,000,000 elements/],
    ['Array.from({ length: 6e5 }).concat(Array.from({ length: 6e5 }))', /larger than 1,000,000 elements/],
    ['Array.from({ length: 1e3 }, () => Array.from({ length: 1e3 + 1 })).flat()', /larger than 1,000,000/],
    ['Array.from({ length: 1e3 }, () => [1, 2]).flatMap(() => Array.from({ length: 1e3 + 1 }))', /1,000,000/],
    ['(() => { const a = []; a[1e6] = 1; return a })()', /array larger than 1,000,000 elements/],
    [
      '(() => { const a = []; for (let i = 0; i < 21; i++) a.push(...Array.from({ length: 5e4 })); return a })()',
      /array larger than 1,000,000 elements/,
    ],
    ["Array.from({ length: 20 }, () => 'x'.repeat(9e6))", /allocated more than 100,000,000 bytes/],
    ["({ ...'x'.repeat(1e7) })", /allocated more than 100,000,000 bytes/],
    // one 9M string referenced 100,000 times: no allocation until it is stringified (would hang or OOM)
    [
      "(() => { const s = 'x'.repeat(9e6); return JSON.stringify(Array.from({ length: 1e5 }, () => s)) })()",
      /string larger than 10,000,000/,
    ],
    [
      "(() => { const s = 'x'.repeat(9e6); return String(Array.from({ length: 1e5 }, () => s)) })()",
      /string larger than 10,000,000/,
    ],
    [
      "(() => { const s = 'x'.repeat(9e6); return Array.from({ length: 1e5 }, () => s) + '' })()",
      /string larger than 10,000,000/,
    ],
    [
      '(() => { let a = ["x"]; for (let i = 0; i < 60; i++) a = [a, a]; return JSON.stringify(a) })()',
      /string larger than 10,000,000/,
    ],
    ['Array.from({ length: 200 }, () => ({ ...Array.from({ length: 1e5 }) }))', /allocated more than/],
    ['Array.from({ length: 20 }, () => Array.from({ length: 1e6 }))', /allocated more than 100,000,000/],
    ["Array.from({ length: 200 }, () => 'x'.repeat(1e7).split(''))", /array larger than 1,000,000/],
    [
      "Array.from({ length: 1e5 }, () => ({ ...Object.fromEntries($json.list.map((v) => ['k' + v, v])) }))",
      /ok/,
    ],
  ])('refuses %s', (code, why) => {
    if (why.source === 'ok') return void expect(ev(code)).toHaveLength(1e5);
    expect(() => ev(code)).toThrow(why);
  });

  it('leaves ordinary work alone, and every evaluation gets a fresh allowance', () => {
    expect(ev("'x'.repeat(1e7).length")).toBe(1e7);
    expect(ev('Array.from({ length: 1e6 }, (_, i) => i).length')).toBe(1e6);
    expect(ev("$json.text.split(',').map((s) => s.toUpperCase()).join('|')")).toBe('A|B|C');
    expect(ev("'ab'.repeat(3).padStart(8, '-')")).toBe('--ababab');
    expect(ev('[[1], [2, [3]]].flat(Infinity)')).toEqual([1, 2, 3]);
    expect(ev('JSON.stringify({ a: [1, { b: "c" }] }, null, 2)')).toBe(
      JSON.stringify({ a: [1, { b: 'c' }] }, null, 2),
    );
    expect(ev('[1, 2] + [3]')).toBe('1,23');
    // 9 × 9M characters stays under the per-evaluation budget; 30 evaluations in a row do not add up
    for (let i = 0; i < 30; i++) {
      expect(ev("Array.from({ length: 9 }, () => 'x'.repeat(9e6)).length")).toBe(9);
    }
  });
});

describe('the review repro in a process with a small heap', () => {
  it('refuses the allocation bomb and the catastrophic regex, and the process exits normally', () => {
    const template = fileURLToPath(new URL('./template.ts', import.meta.url));
    const data = fileURLToPath(new URL('./data.ts', import.meta.url));
    const script = `
      const { compileTemplate } = await import(${JSON.stringify(template)});
      const { ItemDataScope } = await import(${JSON.stringify(data)});
      const scope = new ItemDataScope({ nodeName: 'N', parameters: {}, inputs: [[{ json: {} }]], source: [null],
        runIndex: 0, runData: {}, workflow: { name: 'w', active: false },
        execution: { id: 'e', mode: 'manual', customData: {} }, timezone: 'UTC', now: () => 0,
        nodeParameters: () => ({}) });
      for (const code of [
        "Array.from({length:200},()=>'x'.repeat(1e7).split('')).length",
        "Array.from({length:200},()=>'x'.repeat(1e6).split('')).length",
        "Array.from({length:2000},()=>'x'.repeat(1e7)).length",
        "/(a+)+$/.test('a'.repeat(30)+'!')",
      ]) {
        try { compileTemplate('={{ ' + code + ' }}').evaluate(scope); console.log('NO ERROR'); }
        catch (e) { console.log('refused: ' + e.message); }
      }`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stderr).not.toMatch(/heap out of memory/);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/refused: An array larger than 1,000,000 elements/);
    expect(lines[1]).toMatch(/refused: Expression allocated more than 100,000,000 bytes/);
    expect(lines[2]).toMatch(/refused: Expression allocated more than 100,000,000 bytes/);
    expect(lines[3]).toMatch(/refused: Regular expression .*safe-regex limit/);
  });
});
