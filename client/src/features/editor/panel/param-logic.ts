import type { DisplayOptions, ParameterDescription } from '@tandem/shared/engine';

/** The value n8n stores for an expression: the text prefixed with `=`. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}

/**
 * Switches a fixed value to expression mode, keeping what the user typed.
 * @example toExpression(42) // '=42'
 */
export function toExpression(value: unknown): string {
  if (isExpression(value)) return value;
  if (value === undefined || value === null) return '=';
  if (typeof value === 'object') return `=${JSON.stringify(value)}`;
  return `=${String(value)}`;
}

/**
 * Switches an expression back to a fixed value of the parameter's type; falls back to the default when the
 * expression text does not fit the type (e.g. `{{ $json.x }}` for a number).
 * @example fromExpression('=12', { type: 'number', default: 0 }) // 12
 */
export function fromExpression(
  value: string,
  param: Pick<ParameterDescription, 'type' | 'default'>,
): unknown {
  const text = value.slice(1);
  if (text.includes('{{')) return param.default;
  switch (param.type) {
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : param.default;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : param.default;
    case 'json':
    case 'string':
    case 'code':
    case 'dateTime':
    case 'color':
    case 'options':
      return text;
    default:
      try {
        return JSON.parse(text);
      } catch {
        return param.default;
      }
  }
}

function matches(actual: unknown, wanted: unknown[]): boolean {
  return wanted.some((w) => {
    if (w !== null && typeof w === 'object' && '_cnd' in (w as object))
      return matchCondition(actual, (w as { _cnd: Record<string, unknown> })._cnd);
    return w === actual;
  });
}

function matchCondition(actual: unknown, cnd: Record<string, unknown>): boolean {
  const [op, arg] = Object.entries(cnd)[0] ?? [];
  const n = Number(actual);
  switch (op) {
    case 'eq':
      return actual === arg;
    case 'not':
      return actual !== arg;
    case 'gte':
      return n >= Number(arg);
    case 'lte':
      return n <= Number(arg);
    case 'gt':
      return n > Number(arg);
    case 'lt':
      return n < Number(arg);
    case 'startsWith':
      return typeof actual === 'string' && actual.startsWith(String(arg));
    case 'endsWith':
      return typeof actual === 'string' && actual.endsWith(String(arg));
    case 'includes':
      return typeof actual === 'string' && actual.includes(String(arg));
    case 'exists':
      return actual !== undefined && actual !== null;
    default:
      return false;
  }
}

/**
 * Whether a parameter is shown, following n8n's displayOptions: every `show` key must match one of its values,
 * and no `hide` key may match. `@version` is the node's typeVersion; keys starting with `/` read the node's
 * top-level parameters, others the parameter's siblings.
 * @example isVisible({ show: { method: ['POST'] } }, { method: 'POST' }, {}, 1) // true
 */
export function isVisible(
  options: DisplayOptions | undefined,
  siblings: Record<string, unknown>,
  root: Record<string, unknown>,
  typeVersion: number,
  defaults: Record<string, unknown> = {},
): boolean {
  if (!options) return true;
  const read = (key: string): unknown => {
    if (key === '@version') return typeVersion;
    if (key.startsWith('/')) {
      const k = key.slice(1);
      return k in root ? root[k] : defaults[k];
    }
    return key in siblings ? siblings[key] : defaults[key];
  };
  for (const [key, wanted] of Object.entries(options.show ?? {})) {
    if (!Array.isArray(wanted)) continue;
    const actual = read(key);
    if (isExpression(actual)) continue; // cannot know an expression's value: keep dependants visible
    if (!matches(actual, wanted)) return false;
  }
  for (const [key, wanted] of Object.entries(options.hide ?? {})) {
    if (!Array.isArray(wanted)) continue;
    const actual = read(key);
    if (!isExpression(actual) && matches(actual, wanted)) return false;
  }
  return true;
}

/** Defaults of a parameter list by name (first definition per name). */
export function defaultsOf(params: ParameterDescription[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) if (p.default !== undefined && !(p.name in out)) out[p.name] = p.default;
  return out;
}

/**
 * The values display conditions are checked against: the stored ones plus the defaults of displayed parameters
 * (two passes, so defaults that drive other conditions, like `mode`, count). Mirrors the engine's `withDefaults`.
 */
export function effectiveValues(
  params: ParameterDescription[],
  values: Record<string, unknown>,
  root: Record<string, unknown>,
  typeVersion: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (let pass = 0; pass < 2; pass++) {
    for (const p of params) {
      if (out[p.name] !== undefined || p.default === undefined) continue;
      if (isVisible(p.displayOptions, out, root, typeVersion)) out[p.name] = p.default;
    }
  }
  return out;
}

/**
 * The parameters to render for one level: visible ones, and for a name defined several times (version or
 * mode-specific variants) the first visible definition only.
 * @example visibleParameters(ifDescription.properties, {}, {}, 2).map(p => p.name) // ['conditions', ...]
 */
export function visibleParameters(
  params: ParameterDescription[],
  values: Record<string, unknown>,
  root: Record<string, unknown>,
  typeVersion: number,
): ParameterDescription[] {
  const eff = effectiveValues(params, values, root, typeVersion);
  const rootEff = root === values ? eff : root;
  const seen = new Set<string>();
  const out: ParameterDescription[] = [];
  for (const p of params) {
    if (seen.has(p.name)) continue;
    if (!isVisible(p.displayOptions, eff, rootEff, typeVersion)) continue;
    seen.add(p.name);
    out.push(p);
  }
  return out;
}

/** Value of a parameter, or its default when unset. */
export function valueOrDefault(values: Record<string, unknown>, p: ParameterDescription): unknown {
  return Object.hasOwn(values, p.name) ? values[p.name] : p.default;
}

/** Whether the expression toggle is offered for a parameter type. */
export function supportsExpression(p: ParameterDescription): boolean {
  if (p.noDataExpression) return false;
  return ![
    'collection',
    'fixedCollection',
    'notice',
    'credentials',
    'code',
    'assignmentCollection',
    'filter',
  ].includes(p.type);
}

/**
 * Parses a number input; empty or invalid text yields undefined (caller keeps the old value),
 * and min/max from typeOptions are enforced.
 * @example parseNumberInput('7', { minValue: 10 }) // 10
 */
export function parseNumberInput(
  text: string,
  opts?: { minValue?: number; maxValue?: number },
): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  let v = n;
  if (typeof opts?.minValue === 'number') v = Math.max(opts.minValue, v);
  if (typeof opts?.maxValue === 'number') v = Math.min(opts.maxValue, v);
  return v;
}

/**
 * Checks the text of a JSON parameter; returns an error message or null.
 * @example jsonError('{"a":1}') // null
 */
export function jsonError(text: string): string | null {
  if (text.trim() === '' || isExpression(text)) return null;
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
