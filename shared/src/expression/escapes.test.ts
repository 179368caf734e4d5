import { afterAll, describe, expect, it } from 'vitest';
import { ExpressionError } from '../engine/types.ts';
import { ItemDataScope } from './data.ts';
import { compileTemplate } from './template.ts';
import './extensions.ts';

/**
 * Known ways out of JS expression sandboxes. Each must fail with a clear ExpressionError, and nothing in the
 * process may change (prototypes, globals).
 */

const scope = new ItemDataScope({
  nodeName: 'N',
  parameters: { p: 1 },
  inputs: [[{ json: { a: 1, s: 'str', o: { x: 1 }, arr: [1, 2] } }]],
  source: [null],
  runIndex: 0,
  runData: {},
  workflow: { name: 'w', active: false },
  execution: { id: 'e', mode: 'manual', customData: {} },
  timezone: 'UTC',
  now: () => 0,
  nodeParameters: () => ({}),
});

const ESCAPES: [string, RegExp][] = [
  ['[].constructor.constructor("return process")()', /constructor/],
  ["''.constructor.constructor('return this')()", /constructor/],
  ["$json['constr' + 'uctor']", /constructor/],
  ['$json.constructor', /constructor/],
  ['(() => {}).constructor("return globalThis")()', /constructor/],
  ['$json.__proto__', /__proto__/],
  ['$json["__proto__"].polluted = 1', /__proto__/],
  ['({}).__proto__.polluted = 1', /__proto__/],
  ['Object.prototype', /prototype/],
  ['Object.assign(Object.prototype, {polluted: 1})', /prototype/],
  ['Array.prototype.map = 1', /prototype/],
  ['$json.__defineGetter__("a", () => 1)', /__defineGetter__/],
  ['({}).__lookupGetter__("__proto__")', /__lookupGetter__/],
  ['({ get x() { return 1 } }).x', /getter\/setter/],
  ['({ set x(v) {} })', /getter\/setter/],
  ['process', /process is not defined/],
  ['require("fs")', /require is not defined/],
  ['globalThis', /globalThis is not defined/],
  ['global', /global is not defined/],
  ['window', /window is not defined/],
  ['this', /`this` is not allowed/],
  ['Function("return 1")()', /Function is not defined/],
  ['eval("1")', /eval is not defined/],
  ['setTimeout(() => 1, 0)', /setTimeout is not defined/],
  ['import("fs")', /import\(\) is not allowed/],
  ['import.meta', /import.meta|Cannot use 'import.meta'/],
  ['(() => { with ({}) { return 1 } })()', /with|Syntax error/],
  ['Symbol.iterator', /Symbol is not defined/],
  ['Reflect.get({}, "a")', /Reflect is not defined/],
  ['new Proxy({}, {})', /Proxy is not defined/],
  ['String.raw`x`', /tagged template/i],
  ['$json.s.constructor`return this```', /tagged template|constructor/i],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source text
  ['`${[].constructor}`', /constructor/],
  ['$json["\\u0063onstructor"]', /constructor/],
  ['$json.\\u0063onstructor', /constructor/],
  ['$json["con\\x73tructor"]', /constructor/],
  ['Math.max.call.constructor', /constructor/],
  ['Math.max = () => 1', /cannot be modified|plain objects/],
  ['JSON.parse = null', /cannot be modified|plain objects/],
  ['Object.keys.apply.bind.constructor', /constructor/],
  ['new Function("return 1")', /Function is not defined/],
  ['new (DateTime)()', /Only built-in constructors/],
  ['(async () => 1)()', /async function/],
  ['(function* () {})()', /generator/],
  ['(() => { class A {} })()', /class|Statement ClassDeclaration/],
  ['(() => { try { null.x } catch (e) { return e.constructor } })()', /TryStatement/],
  ['$env.HOME', /environment variables/],
  ['$now.constructor', /constructor/],
  ['DateTime.prototype', /prototype/],
  ['Error.prepareStackTrace = (e, s) => s', /plain objects/],
  ['(() => { const f = () => f(); return f() })()', /call stack|too many steps/i],
  ['(() => { for (;;) {} })()', /too many steps/],
  ['Array.from({ length: 9e6 }, () => 1)', /too many steps|larger than 1,000,000 elements/],
  ['Array.from({ length: 1e9 }, () => 1)', /too many steps|larger than/],
  ['$json.arr.map.arguments', /arguments/],
  ['$json.arr.map.caller', /caller/],
  ['({})[{ toString: () => "__proto__" }]', /__proto__/],
  ['({ ["__proto__"]: { polluted: 1 } })', /__proto__/],
  ['({ __proto__: { polluted: 1 } })', /__proto__/],
  ['Object.fromEntries([["__proto__", {polluted: 1}]]).polluted', /^$/],
  ['super.x', /super|Syntax error/],
  ["'x'.repeat(2 ** 30)", /larger than/],
  ["''.padStart(2 ** 30)", /larger than/],
  ['new Array(2 ** 31).fill(0)', /larger than/],
  ['Array.from({ length: 2 ** 31 })', /larger than/],
  ['Error.captureStackTrace', /^$/],
  ['(() => { const e = new Error("x"); return e.constructor })()', /constructor/],
  // RegExp legacy statics hold the last subject matched anywhere in the process (another execution's data)
  ['RegExp.input', /^$/],
  ['RegExp.$_', /^$/],
  ['RegExp.lastMatch', /^$/],
  ['RegExp["$&"]', /^$/],
  ['RegExp.$1', /^$/],
  ['RegExp.lastParen', /^$/],
  ['RegExp.leftContext', /^$/],
  ['RegExp.rightContext', /^$/],
  ['RegExp.prototype', /prototype/],
  ['RegExp.input = "x"', /cannot be modified|plain objects/],
  ['/x/.constructor.input', /constructor/],
  ['new RegExp("x").constructor', /constructor/],
  ['(() => { /(s)/.exec("s"); return RegExp.$1 })()', /^$/],
  // catastrophic backtracking and allocation bombs (finding 5): refused with the limit named
  ["/(a+)+$/.test('a'.repeat(30) + '!')", /backtrack catastrophically \(safe-regex limit\)/],
  ["new RegExp('(a|aa)+$').test('a'.repeat(40) + '!')", /safe-regex limit/],
  ["RegExp('(x+x+)+y')", /safe-regex limit/],
  ["'a'.repeat(40).match('(a*)*b')", /safe-regex limit/],
  ["'x'.repeat(2e6).replace(/x$/, 'y')", /regular expression cannot run on more than 1,000,000/],
  ["Array.from({ length: 200 }, () => 'x'.repeat(1e7).split(''))", /larger than 1,000,000 elements/],
  ["Array.from({ length: 200 }, () => 'x'.repeat(1e7)).length", /allocated more than 100,000,000 bytes/],
  ["'x'.repeat(1e7).concat('x')", /larger than 10,000,000 characters/],
  ['Array.from({ length: 1e6 }, () => [1, 2]).flat().length', /larger than 1,000,000 elements/],
  ['(() => { const a = []; a.length = 2 ** 32 - 1; return a })()', /larger than 1,000,000 elements/],
];

const prepareBefore = (Error as unknown as { prepareStackTrace?: unknown }).prepareStackTrace;

afterAll(() => {
  // nothing leaked into shared prototypes
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(typeof Array.prototype.map).toBe('function');
  expect(typeof Math.max).toBe('function');
  expect(typeof JSON.parse).toBe('function');
  expect((Error as unknown as { prepareStackTrace?: unknown }).prepareStackTrace).toBe(prepareBefore);
});

describe('expression escape attempts', () => {
  it('covers at least 40 known escapes', () => {
    expect(ESCAPES.length).toBeGreaterThanOrEqual(40);
  });

  for (const [code, why] of ESCAPES) {
    it(`refuses ${code}`, () => {
      let error: unknown;
      let value: unknown;
      try {
        value = compileTemplate(`={{ ${code} }}`).evaluate(scope, { node: 'N', parameter: 'p' });
      } catch (e) {
        error = e;
      }
      if (why.source === '^$') {
        // harmless by construction: the key is an own data property, prototypes untouched
        expect(error).toBeUndefined();
        expect(value).toBeUndefined();
        return;
      }
      expect(error, `expected ${code} to fail, got ${String(value)}`).toBeInstanceOf(ExpressionError);
      expect((error as Error).message).toMatch(why);
      expect((error as Error).message).toMatch(/position \d+/);
    });
  }
});
