/** Dot-path helpers shared by the data nodes ("disableDotNotation" turns paths into literal keys). */

const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);

const partsCache = new Map<string, string[]>();

function parts(path: string): string[] {
  let p = partsCache.get(path);
  if (!p) {
    p = path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter((x) => x !== '');
    if (partsCache.size > 5000) partsCache.clear();
    partsCache.set(path, p);
  }
  return p;
}

/** Read `a.b[0].c` (or the literal key when dot notation is off). */
export function getField(obj: unknown, path: string, dotNotation = true): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  if (!dotNotation || Object.hasOwn(obj, path)) return (obj as Record<string, unknown>)[path];
  let cur: unknown = obj;
  for (const p of parts(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Write a value at a path, creating objects on the way; refuses prototype keys. */
export function setField(
  obj: Record<string, unknown>,
  path: string,
  value: unknown,
  dotNotation = true,
): void {
  const ps = dotNotation ? parts(path) : [path];
  if (ps.some((p) => UNSAFE.has(p))) throw new Error(`Field name "${path}" is not allowed`);
  let cur = obj;
  for (let i = 0; i < ps.length - 1; i++) {
    const next = cur[ps[i]];
    if (next === null || typeof next !== 'object') cur[ps[i]] = {};
    cur = cur[ps[i]] as Record<string, unknown>;
  }
  cur[ps[ps.length - 1]] = value;
}

export function deleteField(obj: Record<string, unknown>, path: string, dotNotation = true): void {
  const ps = dotNotation ? parts(path) : [path];
  let cur: unknown = obj;
  for (let i = 0; i < ps.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string, unknown>)[ps[i]];
  }
  if (cur !== null && typeof cur === 'object') delete (cur as Record<string, unknown>)[ps[ps.length - 1]];
}

/** "a, b ,c" → ['a','b','c']; arrays pass through. */
export function fieldList(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .map(String)
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Deep copy of JSON-like item data (much faster than structuredClone for small objects). */
export function cloneJson<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneJson) as T;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: cloneJson(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = cloneJson(x);
  }
  return out as T;
}

/** Stable JSON (sorted keys) for equality/grouping keys. */
export function stableKey(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableKey).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableKey((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** Deep merge for Merge/Compare clash handling: objects merged recursively, everything else replaced. */
export function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (UNSAFE.has(k)) continue;
    const cur = out[k];
    if (isPlain(cur) && isPlain(v)) out[k] = deepMerge(cur, v);
    else out[k] = v;
  }
  return out;
}

export function isPlain(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
