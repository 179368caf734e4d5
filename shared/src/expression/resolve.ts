import './extensions.ts';
import type { DataScope } from './runtime.ts';
import { compileTemplate, isExpression, type TemplateMeta } from './template.ts';

/**
 * Evaluate one expression/template string (`=…`) for one item; plain values are returned as is.
 * @example evaluateExpression('={{ $json.a * 2 }}', scope) // 42
 */
export function evaluateExpression(value: unknown, data: DataScope, meta?: TemplateMeta): unknown {
  if (!isExpression(value)) return value;
  return compileTemplate(value, meta).evaluate(data, meta);
}

type Resolver = (data: DataScope, meta: TemplateMeta) => unknown;

/** Per raw parameter object (and its parameter path): a prebuilt resolver, so per-item work is just evaluation. */
const resolvers = new WeakMap<object, Map<string, Resolver>>();

function build(value: unknown, path: string): Resolver | null {
  if (typeof value === 'string') {
    if (!isExpression(value)) return null;
    return (data, meta) => {
      const m = { node: meta.node, parameter: path, itemIndex: meta.itemIndex };
      return compileTemplate(value, m).evaluate(data, m);
    };
  }
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    const parts = value.map((v, i) => build(v, `${path}[${i}]`));
    if (parts.every((p) => p === null)) return null;
    return (data, meta) => value.map((v, i) => (parts[i] ? parts[i]!(data, meta) : v));
  }
  const entries = Object.entries(value);
  const parts = entries.map(([k, v]) => build(v, path ? `${path}.${k}` : k));
  if (parts.every((p) => p === null)) return null;
  return (data, meta) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < entries.length; i++) {
      const p = parts[i];
      out[entries[i][0]] = p ? p(data, meta) : entries[i][1];
    }
    return out;
  };
}

const NONE: Resolver = () => undefined;

/**
 * Resolve a parameter value deeply: every `=…` string inside objects/arrays is evaluated.
 * Values without expressions are returned as the same object; the walk over an object is planned once.
 */
export function resolveParameter(value: unknown, data: DataScope, meta: TemplateMeta = {}): unknown {
  if (typeof value === 'string') {
    return isExpression(value) ? compileTemplate(value, meta).evaluate(data, meta) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const path = meta.parameter ?? '';
  let byPath = resolvers.get(value);
  if (!byPath) resolvers.set(value, (byPath = new Map()));
  let r = byPath.get(path);
  if (!r) {
    r = build(value, path) ?? NONE;
    byPath.set(path, r);
  }
  return r === NONE ? value : r(data, meta);
}
