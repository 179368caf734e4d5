import { describe, expect, it } from 'vitest';
import { ItemDataScope } from './data.ts';
import { checkRegexSafety } from './regex-guard.ts';
import { compileTemplate } from './template.ts';
import './extensions.ts';

/** Finding 4 (RegExp legacy statics leak between executions) and the regex half of finding 5 (ReDoS). */

const scope = new ItemDataScope({
  nodeName: 'N',
  parameters: {},
  inputs: [[{ json: { token: 'Bearer sk-live-MINE', csv: 'a,b;c' } }]],
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
const legacy = () => {
  const R = RegExp as unknown as Record<string, string>;
  return [R.input, R.lastMatch, R.$1, R.leftContext, R.rightContext];
};

describe('RegExp legacy statics', () => {
  it('an expression cannot read what another execution matched in this process', () => {
    const tpl = compileTemplate('={{ [RegExp.input, RegExp.lastMatch, RegExp.$1, RegExp["$_"]] }}');
    tpl.evaluate(scope); // cached: from now on nothing of the evaluator runs between the two steps below
    /Bearer (\S+)/.exec('authorization: Bearer sk-live-OTHER-TENANT-SECRET');
    expect(JSON.stringify(tpl.evaluate(scope))).not.toContain('OTHER-TENANT');
    expect(tpl.evaluate(scope)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('matches made by expressions leave no subject in the statics (literals, RegExp(), string patterns)', () => {
    for (const code of [
      '/Bearer (\\S+)/.exec($json.token)[1]',
      'RegExp("Bearer (\\\\S+)").exec($json.token)[1]',
      'new RegExp("Bearer (\\\\S+)").test($json.token)',
      '$json.token.match("Bearer (\\\\S+)")[1]',
      '$json.token.replace(/Bearer (\\S+)/, "$1")',
      '$json.token.split(/ /)[1]',
      '[...$json.token.matchAll(/(\\S+)/g)].length',
      '$json.token.search(/sk/)',
      '$json.token.toTitleCase()',
      '$json.token.extractEmail()',
    ]) {
      ev(code);
      expect(legacy(), code).toEqual(['', '', '', '', '']);
    }
  });

  it('the RegExp of expressions still works like RegExp', () => {
    expect(ev('/(\\w+)-(\\d+)/.exec("id-42").slice(1)')).toEqual(['id', '42']);
    expect(ev('RegExp("^a", "i").test("Abc")')).toBe(true);
    expect(ev('new RegExp("b", "g").flags')).toBe('g');
    expect(ev('$json.csv.split(/[,;]/)')).toEqual(['a', 'b', 'c']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source text
    expect(ev('"a1b22".replace(/\\d+/g, (m) => `<${m}>`)')).toBe('a<1>b<22>');
    expect(ev('"a1b22".match(/\\d+/g)')).toEqual(['1', '22']);
    expect(ev('[..."x1y2".matchAll(/\\d/g)].map((m) => m.index)')).toEqual([1, 3]);
    expect(ev('/x/ instanceof RegExp && !("x" instanceof RegExp)')).toBe(true);
    expect(ev('RegExp.escape("a.b*")')).toBe(
      (RegExp as unknown as { escape(s: string): string }).escape('a.b*'),
    );
    expect(ev('/^(\\d{1,3}\\.){3}\\d{1,3}$/.test("10.0.0.1")')).toBe(true);
  });
});

describe('catastrophic regexes', () => {
  it.each([
    '(a+)+$',
    '(a*)*b',
    '(\\w+\\s?)+$',
    '(?:a|b?)+',
    '(.*a){20}',
    '(a{1,30}){1,30}',
    '((a)\\2)+',
    '(?<x>a)(?:b\\k<x>)*',
    '(a|aa)+$',
    '(a|a)*b',
    '(x|)+y',
    '(.|\\n)*z',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
  ])('refuses /%s/', (p) => {
    expect(() => checkRegexSafety(p)).toThrow(/backtrack catastrophically \(safe-regex limit\)/);
  });

  it.each([
    '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$',
    '(\\d{1,3}\\.){3}\\d{1,3}',
    '(foo|bar)+',
    '(?:https?|ftp)://[^\\s/$.?#].[^\\s]*',
    '(\\w+)\\s(\\w+)',
    '^\\s*(?:#.*)?$',
    '[(+*]+',
    '(ab){2,5}',
    '\\(a+\\)+',
    '(a)\\1+',
  ])('accepts /%s/', (p) => {
    expect(() => checkRegexSafety(p)).not.toThrow();
  });

  it('refuses them in expressions before anything runs, and caps the subject length', () => {
    const started = performance.now();
    expect(() => ev("/(a+)+$/.test('a'.repeat(30) + '!')")).toThrow(/safe-regex limit/);
    expect(() => ev("'a'.repeat(30).match('(a|a)+$')")).toThrow(/safe-regex limit/);
    expect(() => ev("RegExp('(b+)+c').test('bbb')")).toThrow(/safe-regex limit/);
    expect(ev("'a'.repeat(1e6).extractEmail()")).toBeUndefined(); // was quadratic: minutes
    expect(ev("'Mail: Ann <ann@example.com>, bob@x'.extractEmail()")).toBe('ann@example.com');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(() => ev("/x/.test('x'.repeat(1e6 + 1))")).toThrow(
      /regular expression cannot run on more than 1,000,000 characters/,
    );
    expect(ev("/x$/.test('x'.repeat(1e6))")).toBe(true);
  });
});
