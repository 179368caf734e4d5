import { DateTime, Duration, Interval } from 'luxon';
import { chargeElements, checkArrayLength } from './limits.ts';
import { checkStringify } from './native-guards.ts';
import { SafeRegExp, safeRegExp } from './safe-regexp.ts';

/**
 * The security boundary of the expression interpreter: which property names may be read or written,
 * which host values are reachable by name, and which functions may never be called.
 */

/** Property names that lead to prototypes, constructors (→ Function) or accessor tricks. */
const BLOCKED_KEYS = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'caller',
  'callee',
  'arguments',
  'mainModule',
  'binding',
  '_load',
]);

export class SecurityError extends Error {
  override name = 'SecurityError';
}

/** Throws when `key` may not be accessed; returns the key as a string otherwise. */
export function checkKey(key: unknown): string | number {
  if (typeof key === 'number') return key;
  if (typeof key === 'symbol') throw new SecurityError('Symbol property keys are not allowed in expressions');
  const k = typeof key === 'string' ? key : String(key);
  if (BLOCKED_KEYS.has(k)) throw new SecurityError(`Access to "${k}" is not allowed in expressions`);
  return k;
}

export function isBlockedKey(key: string): boolean {
  return BLOCKED_KEYS.has(key);
}

const AsyncFunction = (async () => {}).constructor;
const GeneratorFunction = function* () {}.constructor;
const AsyncGeneratorFunction = async function* () {}.constructor;

/** Functions never callable from an expression, whatever path leads to them. */
const FORBIDDEN_FUNCTIONS = new Set<unknown>([
  Function,
  AsyncFunction,
  GeneratorFunction,
  AsyncGeneratorFunction,
  // biome-ignore lint/security/noGlobalEval: listed so that it can never be called
  globalThis.eval,
  globalThis.setTimeout,
  globalThis.setInterval,
  globalThis.setImmediate,
  globalThis.queueMicrotask,
  globalThis.fetch,
  Object.defineProperty,
  Object.defineProperties,
  Object.setPrototypeOf,
  Object.getPrototypeOf,
  Object.getOwnPropertyDescriptor,
  Object.getOwnPropertyDescriptors,
  Reflect.get,
  Reflect.set,
  Reflect.construct,
  Reflect.apply,
  Reflect.defineProperty,
  Reflect.setPrototypeOf,
  Reflect.getPrototypeOf,
  (Object.prototype as any).__defineGetter__,
  (Object.prototype as any).__defineSetter__,
  (Object.prototype as any).__lookupGetter__,
  (Object.prototype as any).__lookupSetter__,
]);

export function checkCallable(fn: unknown): asserts fn is (...args: unknown[]) => unknown {
  if (typeof fn !== 'function') throw new TypeError(`${describe(fn)} is not a function`);
  if (FORBIDDEN_FUNCTIONS.has(fn))
    throw new SecurityError('Calling this function is not allowed in expressions');
}

/** Values that must never be handed to expression code even when some path reaches them. */
export function checkValue(v: unknown): unknown {
  if (typeof v === 'function' && FORBIDDEN_FUNCTIONS.has(v)) {
    throw new SecurityError('This function is not available in expressions');
  }
  if (v === globalThis) throw new SecurityError('The global object is not available in expressions');
  return v;
}

/** Only plain data (plain objects, arrays) may be written to; never host built-ins or functions. */
export function checkWritable(target: unknown): void {
  if (Array.isArray(target)) return;
  if (target === null || typeof target !== 'object') {
    throw new SecurityError('Only plain objects and arrays can be modified in expressions');
  }
  const proto = Object.getPrototypeOf(target);
  if (proto !== Object.prototype && proto !== null) {
    throw new SecurityError('Only plain objects and arrays can be modified in expressions');
  }
  if (Object.isFrozen(target)) throw new SecurityError('This object cannot be modified');
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  return typeof v;
}

function assignPlain(target: unknown, ...sources: unknown[]): unknown {
  checkWritable(target);
  for (const src of sources)
    if (src !== null && typeof src === 'object') chargeElements(Object.keys(src).length);
  return Object.assign(target as object, ...(sources as object[]));
}

function stringOf(v: unknown): string {
  checkStringify(v);
  return String(v);
}

const safeObject = Object.freeze({
  keys: Object.keys,
  values: Object.values,
  entries: Object.entries,
  fromEntries: Object.fromEntries,
  assign: assignPlain,
  hasOwn: Object.hasOwn,
  is: Object.is,
});

const safeArray = Object.freeze({
  isArray: Array.isArray,
  from: (src: any, fn?: any) => arrayFrom(src, fn),
  of: Array.of,
});

function wrapConstructorless<T extends object>(fn: (...a: any[]) => unknown, statics: T): T {
  const w = (...a: any[]) => fn(...a);
  for (const [k, v] of Object.entries(statics)) (w as any)[k] = v;
  return Object.freeze(w) as unknown as T;
}

const safeString = wrapConstructorless((...a: unknown[]) => (a.length ? stringOf(a[0]) : ''), {
  fromCharCode: String.fromCharCode,
  fromCodePoint: String.fromCodePoint,
});
const safeNumber = wrapConstructorless((v?: unknown) => Number(v), {
  isInteger: Number.isInteger,
  isFinite: Number.isFinite,
  isNaN: Number.isNaN,
  isSafeInteger: Number.isSafeInteger,
  parseFloat: Number.parseFloat,
  parseInt: Number.parseInt,
  MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER,
  MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER,
  EPSILON: Number.EPSILON,
});
const safeBoolean = wrapConstructorless((v?: unknown) => Boolean(v), {});
const safeDate = wrapConstructorless(() => new Date().toString(), {
  now: Date.now,
  parse: Date.parse,
  UTC: Date.UTC,
});

function copyFrozen(src: object): object {
  const out: Record<string, unknown> = {};
  for (const k of Object.getOwnPropertyNames(src)) out[k] = (src as any)[k];
  return Object.freeze(out);
}

// Error constructors are wrapped: the real ones carry V8 hooks (prepareStackTrace, captureStackTrace).
const safeError = wrapConstructorless(
  (m?: unknown) => new Error(m === undefined ? undefined : String(m)),
  {},
);
const safeTypeError = wrapConstructorless(
  (m?: unknown) => new TypeError(m === undefined ? undefined : String(m)),
  {},
);
const safeRangeError = wrapConstructorless(
  (m?: unknown) => new RangeError(m === undefined ? undefined : String(m)),
  {},
);

class SizedArray extends Array {
  constructor(...args: any[]) {
    if (args.length === 1 && typeof args[0] === 'number') checkArrayLength(args[0]);
    super(...args);
  }
}

/** Wrappers usable with `new` in expressions, mapped to the real constructor. */
export const CONSTRUCTABLE = new Map<unknown, new (...args: any[]) => unknown>([
  [safeDate, Date],
  [safeString, String],
  [safeNumber, Number],
  [safeBoolean, Boolean],
  [safeArray, SizedArray],
  [safeObject, Object],
  [safeError, Error],
  [safeTypeError, TypeError],
  [safeRangeError, RangeError],
  [safeRegExp, SafeRegExp],
]);

for (const ctor of [Map, Set, URL, URLSearchParams]) {
  CONSTRUCTABLE.set(ctor, ctor as new (...args: any[]) => unknown);
}

function arrayFrom(src: any, mapFn?: (v: unknown, i: number) => unknown): unknown[] {
  // Checked before the native runs: `Array.from({ length: 1e9 })` would allocate first and fail later.
  if (src !== null && src !== undefined && typeof src.length === 'number') checkArrayLength(src.length);
  return mapFn === undefined ? Array.from(src) : Array.from(src, mapFn);
}

/** Names resolvable in every expression besides the `$…` data variables. */
export const SAFE_GLOBALS: Record<string, unknown> = Object.freeze({
  undefined,
  NaN,
  Infinity,
  Math: copyFrozen(Math),
  JSON: Object.freeze({ parse: JSON.parse, stringify: JSON.stringify }),
  Object: safeObject,
  Array: safeArray,
  String: safeString,
  Number: safeNumber,
  Boolean: safeBoolean,
  Date: safeDate,
  RegExp: safeRegExp,
  Map,
  Set,
  Error: safeError,
  TypeError: safeTypeError,
  RangeError: safeRangeError,
  URL,
  URLSearchParams,
  parseInt: Number.parseInt,
  parseFloat: Number.parseFloat,
  isNaN: Number.isNaN,
  isFinite: Number.isFinite,
  encodeURIComponent,
  decodeURIComponent,
  encodeURI,
  decodeURI,
  btoa: globalThis.btoa,
  atob: globalThis.atob,
  DateTime,
  Duration,
  Interval,
});
