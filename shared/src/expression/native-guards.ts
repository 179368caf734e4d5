import {
  chargeElements,
  checkArrayLength,
  checkStringLength,
  MAX_ARRAY_LENGTH,
  MAX_STRING_LENGTH,
  meter,
} from './limits.ts';
import { toSafePattern } from './safe-regexp.ts';

/**
 * Wrappers for the native methods that can allocate far more than their input (`'x'.repeat(1e9)`,
 * `a.flat(Infinity)`, `s.split('')`) or run a regex. Each checks the size of its result BEFORE the native
 * runs where it can be predicted (a post-check would come after the allocation that kills the process), then
 * meters the result. The wrapper replaces the native wherever an expression reads it, so it also holds when the
 * method is passed around (`arr.map(''.repeat, 'x')`). Built once; identity is stable.
 */

type Pre = (self: unknown, args: unknown[]) => unknown[] | undefined;

/** Rough string size of a value once stringified by join/concat (exact for strings). */
function sizeOf(v: unknown, depth: number): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return depth > 3 ? v.length : joinSize(v, ',', depth + 1);
  return v === null || v === undefined ? 0 : 24;
}

function joinSize(arr: unknown[], sep: string, depth: number): number {
  let n = Math.max(0, arr.length - 1) * sep.length;
  for (let i = 0; i < arr.length && n <= MAX_STRING_LENGTH; i++) n += sizeOf(arr[i], depth);
  return n;
}

/**
 * Rough length of JSON.stringify(v), stopping once over the cap (which also bounds the walk over shared
 * sub-trees: every visit adds at least one character).
 */
function jsonSize(v: unknown, pad: number, depth: number, acc: { n: number }): void {
  if (acc.n > MAX_STRING_LENGTH) return;
  if (typeof v === 'string') acc.n += v.length + 2;
  else if (v === null || typeof v !== 'object' || depth > 100) acc.n += 24;
  else if (typeof (v as { toJSON?: unknown }).toJSON === 'function') acc.n += 32;
  else if (Array.isArray(v)) {
    acc.n += 2;
    for (let i = 0; i < v.length && acc.n <= MAX_STRING_LENGTH; i++) {
      acc.n += 1 + pad * (depth + 1);
      jsonSize(v[i], pad, depth + 1, acc);
    }
  } else {
    acc.n += 2;
    for (const k of Object.keys(v)) {
      if (acc.n > MAX_STRING_LENGTH) return;
      acc.n += k.length + 4 + pad * (depth + 1);
      jsonSize((v as Record<string, unknown>)[k], pad, depth + 1, acc);
    }
  }
}

/** Throws when turning `v` into a string (template literal, `+`, String()) would be over the cap. */
export function checkStringify(v: unknown): void {
  if (Array.isArray(v)) checkStringLength(joinSize(v, ',', 0));
}

/** Elements of `arr.flat(depth)`. */
function flatSize(arr: unknown[], depth: number): number {
  let n = 0;
  for (let i = 0; i < arr.length && n <= MAX_ARRAY_LENGTH; i++) {
    const v = arr[i];
    n += Array.isArray(v) && depth >= 1 ? flatSize(v, depth - 1) : 1;
  }
  return n;
}

/** Non-overlapping occurrences of `needle` in `s`, stopping once over `max`. */
function occurrences(s: string, needle: string, max: number): number {
  if (needle === '') return s.length + 1;
  let n = 0;
  for (let i = s.indexOf(needle); i >= 0 && n <= max; i = s.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Upper bound of replace/replaceAll with a string pattern and a string replacement. */
function replaceSize(s: string, pattern: string, repl: string, all: boolean): number {
  const count = all ? occurrences(s, pattern, MAX_STRING_LENGTH) : s.includes(pattern) ? 1 : 0;
  // `$\`` and `$'` insert the text left/right of the match: up to the whole subject each.
  const context = repl.includes('$`') || repl.includes("$'");
  const per = repl.includes('$')
    ? repl.length * (context ? s.length : Math.max(1, pattern.length))
    : repl.length;
  return s.length + count * (per - pattern.length);
}

const replaceGuard =
  (all: boolean): Pre =>
  (self, [pattern, repl]) => {
    if (typeof self === 'string' && typeof pattern === 'string' && typeof repl === 'string') {
      checkStringLength(replaceSize(self, pattern, repl, all));
    }
    return pattern instanceof RegExp ? [toSafePattern(pattern), repl] : undefined;
  };

/** push/unshift/splice grow an array in place: cap the length, charge what is added. */
const growBy: Pre = (self, args) => {
  if (Array.isArray(self)) {
    checkArrayLength(self.length + args.length);
    chargeElements(args.length);
  }
  return undefined;
};

const S = String.prototype;
const A = Array.prototype;

const PRE = new Map<unknown, Pre>([
  [S.repeat, (self, [n]) => void checkStringLength(String(self).length * Number(n))],
  [S.padStart, (_s, [n]) => void checkStringLength(Number(n))],
  [S.padEnd, (_s, [n]) => void checkStringLength(Number(n))],
  [
    S.concat,
    (self, args) => {
      let n = typeof self === 'string' ? self.length : 0;
      for (const a of args) n += sizeOf(a, 0);
      return void checkStringLength(n);
    },
  ],
  [S.replace, replaceGuard(false)],
  [S.replaceAll, replaceGuard(true)],
  [
    S.split,
    (self, [sep, limit]) => {
      if (typeof self === 'string') {
        const max = limit === undefined ? Infinity : Number(limit) >>> 0;
        if (sep instanceof RegExp || sep === '') checkArrayLength(Math.min(max, self.length));
        else if (typeof sep === 'string' && max > MAX_ARRAY_LENGTH) {
          checkArrayLength(occurrences(self, sep, MAX_ARRAY_LENGTH) + 1);
        }
      }
      return sep instanceof RegExp ? [toSafePattern(sep), limit] : undefined;
    },
  ],
  [S.match, (_s, [p]) => [toSafePattern(p, '')]],
  [S.matchAll, (_s, [p]) => [toSafePattern(p, 'g')]],
  [S.search, (_s, [p]) => [toSafePattern(p, '')]],
  [A.fill, (self) => void checkArrayLength((self as unknown[]).length)],
  [
    A.join,
    (self, [sep]) => {
      if (Array.isArray(self)) checkStringLength(joinSize(self, sep === undefined ? ',' : String(sep), 0));
      return undefined;
    },
  ],
  [A.toString, (self) => void (Array.isArray(self) && checkStringLength(joinSize(self, ',', 0)))],
  [
    A.concat,
    (self, args) => {
      let n = Array.isArray(self) ? self.length : 1;
      for (const a of args) n += Array.isArray(a) ? a.length : 1;
      return void checkArrayLength(n);
    },
  ],
  [
    A.flat,
    (self, [d]) => {
      const depth = d === undefined ? 1 : Number(d);
      if (Array.isArray(self)) checkArrayLength(flatSize(self, Number.isNaN(depth) ? 0 : depth));
      return undefined;
    },
  ],
  [A.push, growBy],
  [A.unshift, growBy],
  [A.splice, growBy],
  [
    JSON.stringify,
    (_s, [value, , space]) => {
      const pad = typeof space === 'number' ? space : typeof space === 'string' ? space.length : 0;
      const acc = { n: 0 };
      jsonSize(value, Math.min(10, Math.max(0, pad)), 0, acc);
      return void checkStringLength(acc.n);
    },
  ],
]);

const WRAPPERS = new Map<unknown, unknown>();

for (const [native, pre] of PRE) {
  const f = native as (...a: unknown[]) => unknown;
  WRAPPERS.set(native, function guarded(this: unknown, ...args: unknown[]) {
    const replaced = pre(this, args);
    return meter(f.apply(this, replaced ?? args));
  });
}

// flatMap cannot be predicted before its callback runs: map first (a normal, metered step), then flatten.
const flatMap = A.flatMap;
const flatGuarded = WRAPPERS.get(A.flat) as (this: unknown[], d: number) => unknown[];
WRAPPERS.set(flatMap, function guardedFlatMap(this: unknown, fn: unknown, thisArg?: unknown) {
  if (!Array.isArray(this)) return flatMap.call(this, fn as never, thisArg);
  return flatGuarded.call(A.map.call(this, fn as never, thisArg), 1);
});

const METERED = new Set(WRAPPERS.values());

/** The guarded variant of a native method, or the method itself. */
export function guardNative(fn: unknown): unknown {
  return WRAPPERS.get(fn) ?? fn;
}

/** True for the wrappers above: they meter their own results. */
export function isGuardedNative(fn: unknown): boolean {
  return METERED.has(fn);
}
