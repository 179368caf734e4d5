import { CScope, compileExpr } from './compile.ts';
import {
  type Compiled,
  defineData,
  type Env,
  markInterpreted,
  notAllowed,
  Scope,
  step,
  tagError,
} from './runtime.ts';
import { checkKey } from './safety.ts';

/**
 * Functions (arrow / function expressions), the statement subset allowed in their bodies, and
 * destructuring patterns. No `this`, `arguments`, generators, async, classes, try, with, labels.
 */

class Return {
  value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
}
const BREAK = { brk: true };
const CONTINUE = { cont: true };
type Completion = undefined | Return | typeof BREAK | typeof CONTINUE;
type Stmt = (e: Env) => Completion;

type Binder = (e: Env, value: unknown) => void;

/** Declares the names a pattern introduces (compile time). */
function collectNames(p: any, out: Set<string>): void {
  switch (p.type) {
    case 'Identifier':
      out.add(p.name);
      break;
    case 'AssignmentPattern':
      collectNames(p.left, out);
      break;
    case 'RestElement':
      collectNames(p.argument, out);
      break;
    case 'ArrayPattern':
      for (const el of p.elements) if (el) collectNames(el, out);
      break;
    case 'ObjectPattern':
      for (const prop of p.properties) collectNames(prop.type === 'RestElement' ? prop : prop.value, out);
      break;
  }
}

/**
 * Binds a value to a pattern. mode 'let'/'const' declares in the current runtime scope, 'assign' assigns
 * to existing locals.
 */
export function compilePattern(p: any, cs: CScope | null, mode: 'let' | 'const' | 'assign'): Binder {
  switch (p.type) {
    case 'Identifier': {
      const name = p.name;
      if (mode === 'assign') {
        if (!cs?.has(name)) notAllowed(`Assigning to ${name}`, p.start);
        return (e, v) => {
          const b = e.scope!.lookup(name)!;
          if (!b.mutable) throw tagError(new TypeError(`Assignment to constant variable '${name}'`), p.start);
          b.value = v;
        };
      }
      const mutable = mode === 'let';
      return (e, v) => e.scope!.declare(name, v, mutable);
    }
    case 'AssignmentPattern': {
      const inner = compilePattern(p.left, cs, mode);
      const def = compileExpr(p.right, cs);
      return (e, v) => inner(e, v === undefined ? def(e) : v);
    }
    case 'ArrayPattern': {
      const els = p.elements.map((el: any) =>
        el === null
          ? null
          : el.type === 'RestElement'
            ? { rest: compilePattern(el.argument, cs, mode) }
            : { bind: compilePattern(el, cs, mode) },
      );
      return (e, v) => {
        const arr = Array.from(v as Iterable<unknown>);
        els.forEach((el: any, i: number) => {
          if (!el) return;
          if (el.rest) el.rest(e, arr.slice(i));
          else el.bind(e, arr[i]);
        });
      };
    }
    case 'ObjectPattern': {
      const props = p.properties.map((prop: any) => {
        if (prop.type === 'RestElement') return { rest: compilePattern(prop.argument, cs, mode) };
        const key = prop.computed
          ? compileExpr(prop.key, cs)
          : (
              (k: string) => () =>
                k
            )(prop.key.type === 'Identifier' ? prop.key.name : String(prop.key.value));
        return { key, bind: compilePattern(prop.value, cs, mode), pos: prop.start };
      });
      return (e, v) => {
        if (v === null || v === undefined) throw new TypeError(`Cannot destructure '${v}'`);
        const used = new Set<string>();
        for (const prop of props) {
          if (prop.rest) {
            const rest: Record<string, unknown> = {};
            for (const k of Object.keys(v as object)) if (!used.has(k)) defineData(rest, k, (v as any)[k]);
            prop.rest(e, rest);
            continue;
          }
          let k: string | number;
          try {
            k = checkKey(prop.key(e));
          } catch (err) {
            throw tagError(err, prop.pos);
          }
          used.add(String(k));
          prop.bind(e, (v as any)[k]);
        }
      };
    }
  }
  return notAllowed(`Pattern ${p.type}`, p.start);
}

/** Arrow and function expressions become real JS functions running interpreted bodies. */
export function compileFunction(n: any, cs: CScope | null): Compiled {
  if (n.async) notAllowed('An async function', n.start);
  if (n.generator) notAllowed('A generator', n.start);
  const fcs = new CScope(cs);
  for (const p of n.params) collectNames(p, fcs.names);
  if (n.id) fcs.names.add(n.id.name);
  const binders = n.params.map((p: any) =>
    p.type === 'RestElement'
      ? { rest: compilePattern(p.argument, fcs, 'let') }
      : { bind: compilePattern(p, fcs, 'let') },
  );
  const selfName: string | undefined = n.id?.name;
  let body: (e: Env) => unknown;
  if (n.expression) {
    body = compileExpr(n.body, fcs);
  } else {
    const block = compileBlockBody(n.body.body, fcs);
    body = (e) => {
      const c = block(e);
      return c instanceof Return ? c.value : undefined;
    };
  }
  return (outer) => {
    const closure = outer.scope;
    const fn = (...args: unknown[]) => {
      const e: Env = { data: outer.data, scope: new Scope(closure), budget: outer.budget };
      step(e);
      if (selfName) e.scope!.declare(selfName, fn, false);
      for (let i = 0; i < binders.length; i++) {
        const b = binders[i];
        if (b.rest) b.rest(e, args.slice(i));
        else b.bind(e, args[i]);
      }
      return body(e);
    };
    markInterpreted(fn);
    return fn;
  };
}

function hoistNames(stmts: any[], cs: CScope): void {
  for (const s of stmts) {
    if (s.type === 'VariableDeclaration') for (const d of s.declarations) collectNames(d.id, cs.names);
    if (s.type === 'FunctionDeclaration')
      notAllowed('A function declaration (use an arrow function)', s.start);
  }
}

function compileBlockBody(stmts: any[], cs: CScope): Stmt {
  hoistNames(stmts, cs);
  const parts = stmts.map((s) => compileStatement(s, cs));
  return (e) => {
    for (const p of parts) {
      const c = p(e);
      if (c !== undefined) return c;
    }
    return undefined;
  };
}

function compileBlock(stmts: any[], cs: CScope): Stmt {
  const bcs = new CScope(cs);
  const body = compileBlockBody(stmts, bcs);
  return (e) => body({ data: e.data, scope: new Scope(e.scope), budget: e.budget });
}

function compileStatement(s: any, cs: CScope): Stmt {
  switch (s.type) {
    case 'ExpressionStatement': {
      const x = compileExpr(s.expression, cs);
      return (e) => {
        x(e);
        return undefined;
      };
    }
    case 'VariableDeclaration': {
      const mode = s.kind === 'const' ? 'const' : 'let';
      const decls = s.declarations.map((d: any) => ({
        bind: compilePattern(d.id, cs, mode),
        init: d.init ? compileExpr(d.init, cs) : null,
      }));
      return (e) => {
        for (const d of decls) d.bind(e, d.init ? d.init(e) : undefined);
        return undefined;
      };
    }
    case 'ReturnStatement': {
      const x = s.argument ? compileExpr(s.argument, cs) : null;
      return (e) => new Return(x ? x(e) : undefined);
    }
    case 'IfStatement': {
      const t = compileExpr(s.test, cs);
      const a = compileStatement(s.consequent, cs);
      const b = s.alternate ? compileStatement(s.alternate, cs) : null;
      return (e) => (t(e) ? a(e) : b ? b(e) : undefined);
    }
    case 'BlockStatement':
      return compileBlock(s.body, cs);
    case 'EmptyStatement':
      return () => undefined;
    case 'BreakStatement':
    case 'ContinueStatement':
      if (s.label) notAllowed('A labelled jump', s.start);
      return s.type === 'BreakStatement' ? () => BREAK : () => CONTINUE;
    case 'ThrowStatement': {
      const x = compileExpr(s.argument, cs);
      return (e) => {
        throw x(e);
      };
    }
    case 'ForOfStatement':
    case 'ForInStatement':
      return compileForOf(s, cs);
    case 'ForStatement':
    case 'WhileStatement':
      return compileLoop(s, cs);
    case 'WithStatement':
      return notAllowed('`with`', s.start);
    default:
      return notAllowed(`Statement ${s.type}`, s.start);
  }
}

function loopBody(body: Stmt, e: Env): Completion | 'break' {
  step(e);
  const c = body(e);
  if (c === BREAK) return 'break';
  if (c instanceof Return) return c;
  return undefined;
}

function compileForOf(s: any, cs: CScope): Stmt {
  if (s.await) notAllowed('for await', s.start);
  const lcs = new CScope(cs);
  const left = s.left;
  let bind: Binder;
  if (left.type === 'VariableDeclaration') {
    collectNames(left.declarations[0].id, lcs.names);
    bind = compilePattern(left.declarations[0].id, lcs, left.kind === 'const' ? 'const' : 'let');
  } else bind = compilePattern(left, lcs, 'assign');
  const right = compileExpr(s.right, cs);
  const body = compileStatement(s.body, lcs);
  const isIn = s.type === 'ForInStatement';
  return (e) => {
    const src = right(e);
    const iter: Iterable<unknown> = isIn ? Object.keys(src as object) : (src as Iterable<unknown>);
    for (const v of iter) {
      const le: Env = { data: e.data, scope: new Scope(e.scope), budget: e.budget };
      bind(le, v);
      const c = loopBody(body, le);
      if (c === 'break') break;
      if (c) return c;
    }
    return undefined;
  };
}

function compileLoop(s: any, cs: CScope): Stmt {
  const lcs = new CScope(cs);
  if (s.init?.type === 'VariableDeclaration') hoistNames([s.init], lcs);
  const init = s.init
    ? s.init.type === 'VariableDeclaration'
      ? compileStatement(s.init, lcs)
      : compileExpr(s.init, lcs)
    : null;
  const test = s.test ? compileExpr(s.test, lcs) : () => true;
  const update = s.update ? compileExpr(s.update, lcs) : null;
  const body = compileStatement(s.body, lcs);
  return (e) => {
    const le: Env = { data: e.data, scope: new Scope(e.scope), budget: e.budget };
    if (init) init(le);
    while (test(le)) {
      const c = loopBody(body, le);
      if (c === 'break') break;
      if (c) return c;
      if (update) update(le);
    }
    return undefined;
  };
}
