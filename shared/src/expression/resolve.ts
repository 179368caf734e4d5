import './extensions.ts';
import type { DataScope } from './runtime.ts';
import { compileTemplate, isExpression, type TemplateMeta } from './template.ts';

const noExpressions = new WeakSet<object>();

/**
 * Evaluate one expression/template string (`=…`) for one item; plain values are returned as is.
 * @example evaluateExpression('={{ $json.a * 2 }}', scope) // 42
 */
export function evaluateExpression(value: unknown, data: DataScope, meta?: TemplateMeta): unknown {
  if (!isExpression(value)) return value;
  return compileTemplate(value, meta).evaluate(data, meta);
}

/**
 * Resolve a parameter value deeply: every `=…` string inside objects/arrays is evaluated.
 * Values without expressions are returned as the same object (remembered, so this stays cheap per item).
 */
export function resolveParameter(value: unknown, data: DataScope, meta: TemplateMeta = {}): unknown {
  if (typeof value === 'string')
    return isExpression(value) ? compileTemplate(value, meta).evaluate(data, meta) : value;
  if (value === null || typeof value !== 'object') return value;
  if (noExpressions.has(value)) return value;
  if (!containsExpression(value)) {
    noExpressions.add(value);
    return value;
  }
  const base = meta.parameter ?? '';
  if (Array.isArray(value)) {
    return value.map((v, i) => resolveParameter(v, data, { ...meta, parameter: `${base}[${i}]` }));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = resolveParameter(v, data, { ...meta, parameter: base ? `${base}.${k}` : k });
  }
  return out;
}

function containsExpression(v: unknown): boolean {
  if (typeof v === 'string') return isExpression(v);
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(containsExpression);
  return Object.values(v).some(containsExpression);
}
