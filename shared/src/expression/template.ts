import * as acorn from 'acorn';
import { ExpressionError } from '../engine/types.ts';
import { CScope, compileExpr } from './compile.ts';
import { MAX_STRING_LENGTH, resetMeter } from './limits.ts';
import { type Compiled, type DataScope, type Env, errorPosition } from './runtime.ts';

/**
 * Parameter templates: a string starting with `=` whose `{{ … }}` parts are expressions.
 * Compiled once (cached by source string), evaluated per item.
 */

export interface TemplateMeta {
  node?: string;
  parameter?: string;
  itemIndex?: number;
}

export interface CompiledTemplate {
  source: string;
  /** Evaluates for one item; errors become ExpressionError naming node, parameter and position. */
  evaluate(data: DataScope, meta?: TemplateMeta): unknown;
}

type Part = { text: string } | { code: Compiled; start: number };

const CACHE_LIMIT = 10_000;
const cache = new Map<string, CompiledTemplate>();

/** True when a parameter value is an expression template (`=…`). */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.charCodeAt(0) === 61; // '='
}

/**
 * Compile a template (with or without the leading `=`). Throws ExpressionError on syntax errors or
 * refused constructs, with the position inside the parameter string.
 * @example compileTemplate('={{ $json.a * 2 }}').evaluate(data) // 42
 */
export function compileTemplate(source: string, meta: TemplateMeta = {}): CompiledTemplate {
  const hit = cache.get(source);
  if (hit) return hit;
  const parts = parseParts(source, meta);
  const compiled = buildTemplate(source, parts);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(source, compiled);
  return compiled;
}

function parseParts(source: string, meta: TemplateMeta): Part[] {
  const parts: Part[] = [];
  let i = source.startsWith('=') ? 1 : 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open < 0) {
      parts.push({ text: source.slice(i) });
      break;
    }
    if (open > i) parts.push({ text: source.slice(i, open) });
    const start = open + 2;
    let ast: acorn.Expression;
    try {
      ast = acorn.parseExpressionAt(source, start, {
        ecmaVersion: 'latest',
        sourceType: 'script',
        preserveParens: true,
      });
    } catch (err) {
      const pos = (err as { pos?: number }).pos ?? start;
      throw exprError(`Syntax error: ${(err as Error).message.replace(/ \(\d+:\d+\)$/, '')}`, meta, pos, err);
    }
    let j = ast.end;
    while (j < source.length && /[\s;]/.test(source[j])) j++;
    if (!source.startsWith('}}', j)) {
      throw exprError('Expected "}}" to close the expression', meta, j);
    }
    let code: Compiled;
    try {
      code = compileExpr(ast, new CScope(null));
    } catch (err) {
      throw exprError((err as Error).message, meta, errorPosition(err) ?? start, err);
    }
    parts.push({ code, start });
    i = j + 2;
  }
  return parts;
}

function buildTemplate(source: string, parts: Part[]): CompiledTemplate {
  const run = (data: DataScope, meta: TemplateMeta | undefined, code: Compiled, start: number): unknown => {
    const env: Env = { data, scope: null, budget: { steps: 0 } };
    resetMeter();
    try {
      return code(env);
    } catch (err) {
      if (err instanceof ExpressionError) throw err;
      const pos = errorPosition(err);
      throw exprError(messageOf(err), meta ?? {}, pos ?? start, err);
    }
  };
  if (parts.length === 1 && 'code' in parts[0]) {
    const { code, start } = parts[0];
    return { source, evaluate: (data, meta) => run(data, meta, code, start) };
  }
  return {
    source,
    evaluate(data, meta) {
      let out = '';
      for (const p of parts) {
        if ('text' in p) out += p.text;
        else out += stringify(run(data, meta, p.code, p.start));
      }
      if (out.length > MAX_STRING_LENGTH) {
        throw exprError(
          `The result is larger than ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters`,
          meta ?? {},
          0,
        );
      }
      return out;
    },
  };
}

/** n8n's rendering of values inside text: null/undefined → '', objects → JSON. */
export function stringify(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    if (typeof (v as { toISO?: unknown }).toISO === 'function') return (v as { toISO(): string }).toISO();
    if (v instanceof Date) return v.toISOString();
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return 'Expression threw a non-error value';
}

function exprError(msg: string, meta: TemplateMeta, position: number, cause?: unknown): ExpressionError {
  const where = [
    meta.node ? `node "${meta.node}"` : '',
    meta.parameter ? `parameter "${meta.parameter}"` : '',
    `position ${position}`,
  ]
    .filter(Boolean)
    .join(', ');
  return new ExpressionError(`${msg} [${where}]`, { ...meta, position, cause });
}
