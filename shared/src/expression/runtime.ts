import { guardNative } from './native-guards.ts';
import { clearRegExpStatics } from './safe-regexp.ts';
import { checkKey, checkValue, SecurityError } from './safety.ts';

/** Shared runtime pieces of the interpreter: environments, scopes, budgets, property access. */

/** Data variables (`$json`, `$input`, …) for one item; see data.ts. */
export interface DataScope {
  json(): unknown;
  get(name: string): unknown;
  has(name: string): boolean;
}

export interface Binding {
  value: unknown;
  mutable: boolean;
}

export class Scope {
  vars = new Map<string, Binding>();
  parent: Scope | null;
  constructor(parent: Scope | null) {
    this.parent = parent;
  }
  lookup(name: string): Binding | undefined {
    let s: Scope | null = this;
    while (s) {
      const b = s.vars.get(name);
      if (b) return b;
      s = s.parent;
    }
    return undefined;
  }
  declare(name: string, value: unknown, mutable: boolean): void {
    this.vars.set(name, { value, mutable });
  }
}

/** Max interpreted function calls + loop iterations per evaluation (stops runaway expressions). */
export const STEP_LIMIT = 5_000_000;

export interface Budget {
  steps: number;
}

export interface Env {
  data: DataScope;
  scope: Scope | null;
  budget: Budget;
}

export type Compiled = (env: Env) => unknown;

export function step(env: Env): void {
  if (++env.budget.steps > STEP_LIMIT) {
    throw new RangeError('Expression took too many steps (infinite loop or too much work?)');
  }
}

/** Functions compiled from expression code: their results were already metered inside them. */
const interpreted = new WeakSet<object>();

/** Marks a function as compiled from expression code. */
export function markInterpreted(fn: object): void {
  interpreted.add(fn);
}

export function isInterpreted(fn: unknown): boolean {
  return interpreted.has(fn as object);
}

/** Where in the source an error was raised (innermost wins). */
const errorPositions = new WeakMap<object, number>();

export function tagError(err: unknown, pos: number): unknown {
  if (err !== null && typeof err === 'object' && !errorPositions.has(err)) errorPositions.set(err, pos);
  return err;
}

export function errorPosition(err: unknown): number | undefined {
  return err !== null && typeof err === 'object' ? errorPositions.get(err) : undefined;
}

type Extension = (self: any, ...args: any[]) => unknown;
let extensionsFor: (value: unknown, name: string) => Extension | undefined = () => undefined;

/** extensions.ts registers n8n-style helpers (`'x'.isEmpty()`, `[1,2].sum()`). */
export function setExtensionResolver(fn: (value: unknown, name: string) => Extension | undefined): void {
  extensionsFor = fn;
}

/** Property read with the safety checks and extension fallback. */
export function getProp(obj: unknown, key: unknown, pos: number): unknown {
  if (obj === null || obj === undefined) {
    throw tagError(
      new TypeError(
        `Cannot read properties of ${obj} (reading '${typeof key === 'symbol' ? 'symbol' : String(key)}')`,
      ),
      pos,
    );
  }
  const k = checkKey(key);
  const v = (obj as any)[k];
  if (v === undefined && typeof k === 'string') {
    const ext = extensionsFor(obj, k);
    if (ext) {
      return (...args: unknown[]) => {
        try {
          return ext(obj, ...args);
        } finally {
          clearRegExpStatics(); // helpers like toTitleCase run host regexes on the expression's data
        }
      };
    }
  }
  return typeof v === 'function' || v === globalThis ? guardNative(checkValue(v)) : v;
}

/** Own data property definition that cannot hit the `__proto__` setter. */
export function defineData(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

export function notAllowed(what: string, pos: number): never {
  throw tagError(new SecurityError(`${what} is not allowed in expressions`), pos);
}
