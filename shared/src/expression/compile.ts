import type * as A from 'acorn';
import { compileFunction } from './compile-functions.ts';
import {
  compileAssignment,
  compileBinary,
  compileLogical,
  compileUnary,
  compileUpdate,
} from './compile-operators.ts';
import { capped, chargeElements, checkArrayLength, meter } from './limits.ts';
import { checkStringify, isGuardedNative } from './native-guards.ts';
import {
  type Compiled,
  defineData,
  type Env,
  getProp,
  isInterpreted,
  notAllowed,
  tagError,
} from './runtime.ts';
import { SafeRegExp } from './safe-regexp.ts';
import { CONSTRUCTABLE, checkCallable, checkKey, checkValue, SAFE_GLOBALS, SecurityError } from './safety.ts';

/**
 * Compiles an acorn AST into JS closures. Every node type is whitelisted by `compileExpr` (operators in
 * compile-operators.ts, functions and their statements in compile-functions.ts); anything else is refused at
 * compile time. Names resolve lexically: locals (arrow params, let/const) → `$` data variables → SAFE_GLOBALS.
 */

const reflectApply = Reflect.apply;
const reflectConstruct = Reflect.construct;
/** Marks a short-circuited optional chain (`a?.b.c` with a nullish `a`). */
const SHORT = Symbol('short');

/** Compile-time lexical scope: the names declared by enclosing functions/blocks. */
export class CScope {
  names = new Set<string>();
  parent: CScope | null;
  constructor(parent: CScope | null) {
    this.parent = parent;
  }
  has(name: string): boolean {
    for (let s: CScope | null = this; s; s = s.parent) if (s.names.has(name)) return true;
    return false;
  }
}

/** Compile one expression node. */
export function compileExpr(node: A.Node, cs: CScope | null): Compiled {
  const n = node as any;
  switch (node.type) {
    case 'Literal':
      return compileLiteral(n);
    case 'Identifier':
      return compileIdentifier(n.name, cs, n.start);
    case 'TemplateLiteral':
      return compileTemplate(n, cs);
    case 'ArrayExpression':
      return compileArray(n, cs);
    case 'ObjectExpression':
      return compileObject(n, cs);
    case 'MemberExpression':
    case 'CallExpression':
    case 'ChainExpression':
      return compileChain(n, cs);
    case 'UnaryExpression':
      return compileUnary(n, cs);
    case 'BinaryExpression':
      return compileBinary(n, cs);
    case 'LogicalExpression':
      return compileLogical(n, cs);
    case 'ConditionalExpression': {
      const t = compileExpr(n.test, cs);
      const a = compileExpr(n.consequent, cs);
      const b = compileExpr(n.alternate, cs);
      return (e) => (t(e) ? a(e) : b(e));
    }
    case 'SequenceExpression': {
      const parts = n.expressions.map((x: A.Node) => compileExpr(x, cs));
      return (e) => {
        let v: unknown;
        for (const p of parts) v = p(e);
        return v;
      };
    }
    case 'AssignmentExpression':
      return compileAssignment(n, cs);
    case 'UpdateExpression':
      return compileUpdate(n, cs);
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return compileFunction(n, cs);
    case 'NewExpression':
      return compileNew(n, cs);
    case 'ParenthesizedExpression':
      return compileExpr(n.expression, cs);
    case 'ThisExpression':
      return notAllowed('`this`', n.start);
    case 'ImportExpression':
      return notAllowed('import()', n.start);
    case 'MetaProperty':
      return notAllowed(`${n.meta.name}.${n.property.name}`, n.start);
    case 'TaggedTemplateExpression':
      return notAllowed('A tagged template', n.start);
    case 'AwaitExpression':
    case 'YieldExpression':
      return notAllowed(node.type === 'AwaitExpression' ? 'await' : 'yield', n.start);
    case 'ClassExpression':
      return notAllowed('A class', n.start);
    default:
      return notAllowed(`Syntax ${node.type}`, n.start);
  }
}

function compileLiteral(n: any): Compiled {
  if (n.regex) {
    const { pattern, flags } = n.regex;
    try {
      new SafeRegExp(pattern, flags); // refuse unsafe patterns when the expression is compiled
    } catch (err) {
      throw tagError(err, n.start);
    }
    return () => new SafeRegExp(pattern, flags);
  }
  const v = n.value;
  return () => v;
}

function compileIdentifier(name: string, cs: CScope | null, pos: number): Compiled {
  if (cs?.has(name)) {
    return (e) => {
      const b = e.scope?.lookup(name);
      if (!b) throw tagError(new ReferenceError(`Cannot access '${name}' before initialization`), pos);
      return b.value;
    };
  }
  if (name === '$json') return (e) => e.data.json();
  if (name.startsWith('$') || name === 'items') {
    return (e) => {
      if (!e.data.has(name)) throw tagError(new ReferenceError(`${name} is not defined`), pos);
      return e.data.get(name);
    };
  }
  if (Object.hasOwn(SAFE_GLOBALS, name)) {
    const v = SAFE_GLOBALS[name];
    return () => v;
  }
  return () => {
    throw tagError(new ReferenceError(`${name} is not defined`), pos);
  };
}

function compileTemplate(n: any, cs: CScope | null): Compiled {
  const quasis: string[] = n.quasis.map((q: any) => q.value.cooked ?? '');
  const exprs = n.expressions.map((x: A.Node) => compileExpr(x, cs));
  return (e) => {
    let s = quasis[0];
    for (let i = 0; i < exprs.length; i++) {
      const v = exprs[i](e);
      if (typeof v === 'object') checkStringify(v);
      s += String(v) + quasis[i + 1];
    }
    return capped(s);
  };
}

function compileArray(n: any, cs: CScope | null): Compiled {
  const els = n.elements.map((el: any) => {
    if (el === null) return { hole: true };
    if (el.type === 'SpreadElement') return { spread: compileExpr(el.argument, cs) };
    return { value: compileExpr(el, cs) };
  });
  return (e) => {
    const out: unknown[] = [];
    for (const el of els) {
      if (el.hole) out.push(undefined);
      else if (el.spread) spreadInto(out, el.spread(e));
      else out.push(el.value(e));
    }
    return out;
  };
}

/** `[...src]`: the size is checked before copying (a huge sparse array would be filled element by element). */
function spreadInto(out: unknown[], src: unknown): void {
  if (Array.isArray(src) || typeof src === 'string') checkArrayLength(out.length + src.length);
  const before = out.length;
  for (const v of src as Iterable<unknown>) out.push(v);
  checkArrayLength(out.length);
  chargeElements(out.length - before);
}

function compileObject(n: any, cs: CScope | null): Compiled {
  const props = n.properties.map((p: any) => {
    if (p.type === 'SpreadElement') return { spread: compileExpr(p.argument, cs) };
    if (p.kind !== 'init') return notAllowed('A getter/setter', p.start);
    const value = compileExpr(p.value, cs);
    if (p.computed) return { keyFn: compileExpr(p.key, cs), value, pos: p.start };
    const key = p.key.type === 'Identifier' ? p.key.name : String(p.key.value);
    checkKeyAt(key, p.start);
    return { key, value };
  });
  return (e) => {
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p.spread) {
        const src = p.spread(e);
        if (src !== null && typeof src === 'object') {
          const keys = Object.keys(src);
          chargeElements(keys.length * 2);
          for (const k of keys) defineData(out, k, (src as any)[k]);
        } else if (typeof src === 'string') {
          chargeElements(src.length * 2);
          for (let i = 0; i < src.length; i++) out[i] = src[i];
        }
      } else if (p.keyFn) {
        const k = p.keyFn(e);
        try {
          defineData(out, String(checkKey(k)), p.value(e));
        } catch (err) {
          throw tagError(err, p.pos);
        }
      } else defineData(out, p.key, p.value(e));
    }
    return out;
  };
}

function checkKeyAt(key: unknown, pos: number): void {
  try {
    checkKey(key);
  } catch (err) {
    throw tagError(err, pos);
  }
}

/** Member/call chains, with optional chaining (`?.`) short-circuit to undefined at the ChainExpression. */
function compileChain(n: any, cs: CScope | null): Compiled {
  if (n.type === 'ChainExpression') {
    const inner = compileChainPart(n.expression, cs);
    return (e) => {
      const v = inner(e);
      return v === SHORT ? undefined : v;
    };
  }
  const f = compileChainPart(n, cs);
  return f;
}

/** Returns a closure evaluating to the value, or SHORT when an optional link short-circuited. */
function compileChainPart(n: any, cs: CScope | null): Compiled {
  if (n.type === 'MemberExpression') {
    const { obj, key } = compileMemberParts(n, cs);
    const optional = n.optional;
    const pos = n.property.start;
    return (e) => {
      const o = obj(e);
      if (o === SHORT) return SHORT;
      if (optional && (o === null || o === undefined)) return SHORT;
      return getProp(o, key(e), pos);
    };
  }
  if (n.type === 'CallExpression') return compileCall(n, cs);
  return compileExpr(n, cs);
}

export function compileMemberParts(n: any, cs: CScope | null): { obj: Compiled; key: Compiled } {
  if (n.object.type === 'Super') notAllowed('super', n.start);
  const obj = compileChainPart(n.object, cs);
  if (n.computed) return { obj, key: compileExpr(n.property, cs) };
  if (n.property.type === 'PrivateIdentifier') notAllowed('A private field', n.property.start);
  const name = n.property.name;
  checkKeyAt(name, n.property.start);
  return { obj, key: () => name };
}

function compileArgs(args: any[], cs: CScope | null): (e: Env) => unknown[] {
  const parts = args.map((a) =>
    a.type === 'SpreadElement' ? { spread: compileExpr(a.argument, cs) } : { value: compileExpr(a, cs) },
  );
  if (parts.every((p) => p.value)) {
    const fns = parts.map((p) => p.value!);
    if (fns.length === 0) return () => [];
    if (fns.length === 1) return (e) => [fns[0](e)];
    return (e) => fns.map((f) => f(e));
  }
  return (e) => {
    const out: unknown[] = [];
    for (const p of parts) {
      if (p.spread) spreadInto(out, p.spread(e));
      else out.push(p.value!(e));
    }
    return out;
  };
}

function compileCall(n: any, cs: CScope | null): Compiled {
  const args = compileArgs(n.arguments, cs);
  const optional = n.optional;
  const pos = n.start;
  const callee = n.callee;
  if (callee.type === 'MemberExpression') {
    const { obj, key } = compileMemberParts(callee, cs);
    const optMember = callee.optional;
    const kpos = callee.property.start;
    return (e) => {
      const o = obj(e);
      if (o === SHORT) return SHORT;
      if (optMember && (o === null || o === undefined)) return SHORT;
      const fn = getProp(o, key(e), kpos);
      if (optional && (fn === null || fn === undefined)) return SHORT;
      return invoke(fn, o, args(e), pos);
    };
  }
  if (callee.type === 'Import') return notAllowed('import()', pos);
  const fnc = compileChainPart(callee, cs);
  return (e) => {
    const fn = fnc(e);
    if (fn === SHORT) return SHORT;
    if (optional && (fn === null || fn === undefined)) return SHORT;
    return invoke(fn, undefined, args(e), pos);
  };
}

function invoke(fn: unknown, self: unknown, args: unknown[], pos: number): unknown {
  try {
    checkCallable(fn);
    const r = reflectApply(fn, self, args);
    // Natives are metered here; interpreted functions and guarded natives have metered their own work.
    return checkValue(isInterpreted(fn) || isGuardedNative(fn) ? r : meter(r));
  } catch (err) {
    throw tagError(err, pos);
  }
}

function compileNew(n: any, cs: CScope | null): Compiled {
  const callee = compileExpr(n.callee, cs);
  const args = compileArgs(n.arguments, cs);
  return (e) => {
    const c = callee(e);
    const real = CONSTRUCTABLE.get(c);
    if (!real)
      throw tagError(
        new SecurityError('Only built-in constructors (Date, RegExp, …) can be used with new'),
        n.start,
      );
    try {
      return meter(reflectConstruct(real, args(e)));
    } catch (err) {
      throw tagError(err, n.start);
    }
  };
}
