import { type CScope, compileExpr, compileMemberParts } from './compile.ts';
import { compilePattern } from './compile-functions.ts';
import { capped, checkArrayLength, MAX_STRING_LENGTH } from './limits.ts';
import { checkStringify } from './native-guards.ts';
import { type Compiled, type Env, notAllowed, tagError } from './runtime.ts';
import { CONSTRUCTABLE, checkKey, checkWritable } from './safety.ts';

/** Operators of the expression language: unary, binary, logical, assignment and update, with their write targets. */

export function compileUnary(n: any, cs: CScope | null): Compiled {
  const op = n.operator;
  if (op === 'typeof' && n.argument.type === 'Identifier') {
    const arg = compileExpr(n.argument, cs);
    return (e) => {
      try {
        return typeof arg(e);
      } catch (err) {
        if (err instanceof ReferenceError) return 'undefined';
        throw err;
      }
    };
  }
  if (op === 'delete') {
    if (n.argument.type !== 'MemberExpression') return () => true;
    const { obj, key } = compileMemberParts(n.argument, cs);
    return (e) => {
      const o = obj(e);
      const k = checkKey(key(e));
      checkWritable(o);
      return delete (o as any)[k];
    };
  }
  const a = compileExpr(n.argument, cs);
  switch (op) {
    case '!':
      return (e) => !a(e);
    case '-':
      return (e) => -(a(e) as number);
    case '+':
      return (e) => +(a(e) as number);
    case '~':
      return (e) => ~(a(e) as number);
    case 'typeof':
      return (e) => typeof a(e);
    case 'void':
      return (e) => void a(e);
  }
  return notAllowed(`Operator ${op}`, n.start);
}

/** `+` where an operand may be an array: its implicit join is size-checked first. */
function plus(x: any, y: any): unknown {
  checkStringify(x);
  checkStringify(y);
  return capped(x + y);
}

type BinFn = (x: any, y: any) => unknown;
const BINARY: Record<string, BinFn> = {
  '+': (x, y) => plus(x, y),
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
  '%': (x, y) => x % y,
  '**': (x, y) => x ** y,
  // biome-ignore lint/suspicious/noDoubleEquals: the language's own loose equality
  '==': (x, y) => x == y,
  // biome-ignore lint/suspicious/noDoubleEquals: the language's own loose equality
  '!=': (x, y) => x != y,
  '===': (x, y) => x === y,
  '!==': (x, y) => x !== y,
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
  '>': (x, y) => x > y,
  '>=': (x, y) => x >= y,
  '&': (x, y) => x & y,
  '|': (x, y) => x | y,
  '^': (x, y) => x ^ y,
  '<<': (x, y) => x << y,
  '>>': (x, y) => x >> y,
  '>>>': (x, y) => x >>> y,
  in: (x, y) => x in y,
  instanceof: (x, y) => x instanceof ((CONSTRUCTABLE.get(y) ?? y) as any),
};

export function binaryOp(op: string, pos: number): BinFn {
  const f = BINARY[op];
  if (!f) notAllowed(`Operator ${op}`, pos);
  return f;
}

export function compileBinary(n: any, cs: CScope | null): Compiled {
  if (n.left.type === 'PrivateIdentifier') return notAllowed('A private field', n.start);
  const l = compileExpr(n.left, cs);
  const r = compileExpr(n.right, cs);
  // Hot operators get their own closure so V8 can inline them.
  switch (n.operator) {
    case '*':
      return (e) => (l(e) as number) * (r(e) as number);
    case '+':
      return (e) => {
        const x = l(e) as any;
        const y = r(e) as any;
        if (typeof x === 'object' || typeof y === 'object') return plus(x, y);
        const v = x + y;
        return typeof v === 'string' && v.length > MAX_STRING_LENGTH ? capped(v) : v;
      };
    case '-':
      return (e) => (l(e) as number) - (r(e) as number);
    case '===':
      return (e) => l(e) === r(e);
  }
  const f = binaryOp(n.operator, n.start);
  return (e) => {
    try {
      return f(l(e), r(e));
    } catch (err) {
      throw tagError(err, n.start);
    }
  };
}

export function compileLogical(n: any, cs: CScope | null): Compiled {
  const l = compileExpr(n.left, cs);
  const r = compileExpr(n.right, cs);
  if (n.operator === '&&') return (e) => l(e) && r(e);
  if (n.operator === '||') return (e) => l(e) || r(e);
  return (e) => l(e) ?? r(e);
}

/** A write target: locals (let/var) or members of plain objects/arrays. */
function compileTarget(
  t: any,
  cs: CScope | null,
): { get: Compiled; set: (e: Env, v: unknown, cache?: unknown[]) => void; prep?: (e: Env) => unknown[] } {
  if (t.type === 'Identifier') {
    const name = t.name;
    if (!cs?.has(name)) notAllowed(`Assigning to ${name}`, t.start);
    return {
      get: (e) => e.scope!.lookup(name)!.value,
      set: (e, v) => {
        const b = e.scope!.lookup(name);
        if (!b) throw tagError(new ReferenceError(`${name} is not defined`), t.start);
        if (!b.mutable) throw tagError(new TypeError(`Assignment to constant variable '${name}'`), t.start);
        b.value = v;
      },
    };
  }
  if (t.type === 'MemberExpression') {
    const { obj, key } = compileMemberParts(t, cs);
    const prep = (e: Env) => {
      const o = obj(e);
      const k = key(e);
      try {
        checkWritable(o);
        const key = checkKey(k);
        if (Array.isArray(o)) checkArrayIndex(o, key);
        return [o, key];
      } catch (err) {
        throw tagError(err, t.start);
      }
    };
    return {
      prep,
      get: (e) => {
        const [o, k] = prep(e);
        return (o as any)[k as string];
      },
      set: (e, v, cache) => {
        const [o, k] = cache ?? prep(e);
        if (k === 'length' && Array.isArray(o)) {
          try {
            checkArrayLength(Number(v));
          } catch (err) {
            throw tagError(err, t.start);
          }
        }
        (o as any)[k as string] = v;
      },
    };
  }
  return notAllowed(`Assigning to ${t.type}`, t.start);
}

/** Writing `a.length = n` or `a[n]` can make an array huge in one step: cap the length it would get. */
function checkArrayIndex(a: unknown[], key: string | number): void {
  if (key === 'length') return;
  const i = typeof key === 'number' ? key : Number(key);
  if (i >= a.length) checkArrayLength(i + 1);
}

export function compileAssignment(n: any, cs: CScope | null): Compiled {
  if (n.left.type === 'ObjectPattern' || n.left.type === 'ArrayPattern') {
    const bind = compilePattern(n.left, cs, 'assign');
    const r = compileExpr(n.right, cs);
    return (e) => {
      const v = r(e);
      bind(e, v);
      return v;
    };
  }
  const target = compileTarget(n.left, cs);
  const r = compileExpr(n.right, cs);
  const op = n.operator;
  if (op === '=') {
    return (e) => {
      const cache = target.prep?.(e);
      const v = r(e);
      target.set(e, v, cache);
      return v;
    };
  }
  const base = op.slice(0, -1);
  if (base === '&&' || base === '||' || base === '??') {
    return (e) => {
      const cur = target.get(e);
      const keep = base === '&&' ? !cur : base === '||' ? cur : cur !== null && cur !== undefined;
      if (keep) return cur;
      const v = r(e);
      target.set(e, v);
      return v;
    };
  }
  const f = binaryOp(base, n.start);
  return (e) => {
    const cache = target.prep?.(e);
    const cur = cache ? (cache[0] as any)[cache[1] as string] : target.get(e);
    const v = f(cur, r(e));
    target.set(e, v, cache);
    return v;
  };
}

export function compileUpdate(n: any, cs: CScope | null): Compiled {
  const target = compileTarget(n.argument, cs);
  const delta = n.operator === '++' ? 1 : -1;
  const prefix = n.prefix;
  return (e) => {
    const cache = target.prep?.(e);
    const cur = Number(cache ? (cache[0] as any)[cache[1] as string] : target.get(e));
    target.set(e, cur + delta, cache);
    return prefix ? cur + delta : cur;
  };
}
