import type { Item } from '@tandem/shared/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { CodeSandbox } from './code-sandbox.ts';
import { CodeExecutionError } from './types.ts';

// Small limits keep the timeout and memory cases fast; the defaults are exercised in sandbox-limits.test.ts.
const sandbox = new CodeSandbox({ maxIsolates: 1, timeoutMs: 5000, memoryLimitMb: 32 });
afterAll(() => sandbox.dispose());

const items: Item[] = [{ json: { secret: 's3cr3t' } }];
const run = (code: string, timeoutMs?: number) =>
  sandbox.run({ code, mode: 'runOnceForAllItems', items, timeoutMs });

/** Each attempt must throw (kind, message) or, when `result` is given, return that proving nothing leaked. */
interface Attempt {
  name: string;
  code: string;
  error?: RegExp;
  kind?: string;
  result?: unknown;
  timeoutMs?: number;
}

const r = (expr: string) =>
  `return [{ json: { v: (() => { try { return ${expr}; } catch (e) { return 'threw ' + e.name } })() } }]`;

const attempts: Attempt[] = [
  { name: 'process global', code: 'return [{ json: { v: process.env } }]', error: /process is not defined/ },
  { name: 'require', code: 'const fs = require("fs"); return []', error: /require is not defined/ },
  { name: 'module / exports', code: 'module.exports = 1; return []', error: /module is not defined/ },
  { name: 'dynamic import()', code: 'await import("fs"); return []', error: /Not supported|import/ },
  {
    name: 'constructor.constructor to process',
    code: 'return [{ json: { v: this.constructor.constructor("return process")() } }]',
    error: /process is not defined/,
  },
  {
    name: 'item function constructor chain',
    code: 'return [{ json: { v: $input.all.constructor("return process.mainModule")() } }]',
    error: /process is not defined/,
  },
  {
    name: 'async function constructor',
    code: 'const F = (async () => {}).constructor; await F("return process")(); return []',
    error: /process is not defined/,
  },
  {
    name: 'generator function constructor',
    code: 'const G = (function* () {}).constructor; G("yield require")().next(); return []',
    error: /require is not defined/,
  },
  {
    name: 'Reflect.construct(Function)',
    code: 'Reflect.construct(Function, ["return require"])()(); return []',
    error: /require is not defined/,
  },
  { name: 'eval to process', code: 'eval("process.exit(1)"); return []', error: /process is not defined/ },
  {
    name: 'global object has no host handles',
    code: r(
      'Object.getOwnPropertyNames(globalThis).filter(k => /ivm|isolated|host|require|process|_tandem/i.test(k)).length',
    ),
    result: 0,
  },
  {
    name: 'SharedArrayBuffer removed',
    code: 'new SharedArrayBuffer(8); return []',
    error: /SharedArrayBuffer is not defined/,
  },
  {
    name: 'Atomics removed',
    code: 'Atomics.wait(new Int32Array(4), 0, 0); return []',
    error: /Atomics is not defined/,
  },
  {
    name: 'WebAssembly removed',
    code: 'new WebAssembly.Memory({ initial: 1 }); return []',
    error: /WebAssembly is not defined/,
  },
  { name: 'timers absent', code: 'setTimeout(() => {}, 1); return []', error: /setTimeout is not defined/ },
  {
    name: 'fetch absent',
    code: 'await fetch("http://127.0.0.1/"); return []',
    error: /fetch is not defined/,
  },
  {
    name: 'infinite loop',
    code: 'while (true) {}',
    kind: 'timeout',
    error: /time limit \(300 ms\)/,
    timeoutMs: 300,
  },
  {
    name: 'infinite microtask loop',
    code: 'for (;;) await null;',
    kind: 'timeout',
    error: /time limit/,
    timeoutMs: 300,
  },
  {
    name: 'memory bomb',
    code: 'const a = []; for (;;) a.push(new Array(1e6).fill(Math.random())); return []',
    kind: 'memory',
    error: /memory limit \(32 MB\)/,
  },
  {
    name: 'string bomb',
    code: 'let s = "x"; for (;;) s += s; return []',
    error: /Invalid string length|memory limit/,
  },
  {
    name: 'Object.prototype pollution is refused',
    code: '"use strict"; Object.prototype.polluted = 1; return []',
    error: /not extensible|Cannot add property/,
  },
  {
    name: 'Array.prototype method override is refused',
    code: '"use strict"; Array.prototype.map = () => []; return []',
    error: /read only|Cannot assign/,
  },
  {
    name: 'JSON.stringify override (used by the runtime) is refused',
    code: '"use strict"; JSON.stringify = () => "[]"; return []',
    error: /read only|Cannot assign/,
  },
  {
    name: 'Promise.prototype.then hijack is refused',
    code: '"use strict"; Promise.prototype.then = function () {}; return []',
    error: /read only|Cannot assign/,
  },
  {
    name: 'Error.prepareStackTrace to reach CallSites is refused',
    code: '"use strict"; Error.prepareStackTrace = (e, s) => s; return []',
    error: /not extensible|Cannot add property/,
  },
  {
    name: 'arguments.callee.caller does not reveal the runtime',
    code: r('String(arguments.callee.caller)'),
    result: 'null',
  },
  {
    name: 'function.caller from a nested frame',
    code: 'function f() { const c = f.caller; return String(c && c.caller) }\nreturn [{ json: { v: f() } }]',
    result: 'null',
  },
  {
    name: 'global binding overwrite is refused',
    code: '"use strict"; globalThis.Object = null; return []',
    error: /read only|Cannot assign/,
  },
  {
    name: '__proto__ in returned json does not pollute the host',
    code: 'return [{ json: JSON.parse(\'{"__proto__": {"hostPolluted": true}}\') }]',
    result: undefined,
  },
  {
    name: 'getter in returned item runs inside the sandbox only',
    code: 'return [{ json: { get v() { return typeof process } } }]',
    result: 'undefined',
  },
  {
    name: 'Proxy item throwing during serialization',
    code: 'return [{ json: new Proxy({}, { ownKeys() { throw new Error("trap") } }) }]',
    error: /trap|serialized/,
  },
  {
    name: 'toJSON swapping an item after validation',
    code: 'return [{ json: { toJSON() { return 5 } } }]',
    error: /'json' property isn't an object/,
  },
  {
    name: 'Array subclass with a hostile Symbol.species as the returned list',
    code: 'class Evil extends Array { static get [Symbol.species]() { throw new Error("species") } } return Evil.from([{ json: { v: 1 } }])',
    result: 1,
  },
  {
    name: 'error object with throwing getters',
    code: 'throw { get message() { throw new Error("nope") }, get name() { return "X" } }',
    error: /cannot be read/,
  },
  {
    name: 'stack traces reveal no host paths',
    code: r('new Error("x").stack.includes("/work/") || new Error("x").stack.includes("node_modules")'),
    result: false,
  },
  {
    name: 'RegExp legacy statics are gone',
    code: r('typeof RegExp.lastMatch + typeof RegExp.$1'),
    result: 'undefinedundefined',
  },
  {
    name: 'luxon Settings is not reachable',
    code: r('typeof luxon + typeof Settings + typeof DateTime.Settings'),
    result: 'undefinedundefinedundefined',
  },
  {
    name: 'console is the capturing one',
    code: r('typeof globalThis.console'),
    result: 'undefined',
  },
];

describe('Code sandbox escape attempts', () => {
  it('has at least 25 attempts', () => {
    expect(attempts.length).toBeGreaterThanOrEqual(25);
  });

  it.each(attempts.map((a) => [a.name, a] as const))('%s', async (_name, attempt) => {
    if (attempt.error) {
      let caught: unknown;
      try {
        await run(attempt.code, attempt.timeoutMs);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(CodeExecutionError);
      const err = caught as CodeExecutionError;
      expect(err.message).toMatch(attempt.error);
      if (attempt.kind) expect(err.kind).toBe(attempt.kind);
    } else {
      const out = await run(attempt.code, attempt.timeoutMs);
      expect(out.items[0].json.v).toEqual(attempt.result);
    }
    // The host is unharmed and the sandbox keeps working after every attempt.
    expect(({} as Record<string, unknown>).hostPolluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof process.env).toBe('object');
    const ok = await run('return [{ json: { ok: [1, 2].map(x => x * 2), p: ({}).polluted } }]');
    expect(ok.items[0].json).toEqual({ ok: [2, 4] });
  });
});
