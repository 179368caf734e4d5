import * as Y from 'yjs';
import type { ParameterValue } from '../schema/workflow.ts';
import { isLongText } from './layout.ts';

/**
 * Entries of a Y.Map in a deterministic order shared by every peer: by the id of the item that set the key
 * (client, clock). Within one client this is insertion order, so a document built from JSON keeps its key order.
 */
export function orderedEntries<T>(map: Y.Map<T>): [string, T][] {
  const items: { key: string; client: number; clock: number }[] = [];
  for (const [key, item] of map._map) {
    if (item.deleted) continue;
    items.push({ key, client: item.id.client, clock: item.id.clock });
  }
  items.sort((a, b) => a.client - b.client || a.clock - b.clock);
  return items.map(({ key }) => [key, map.get(key) as T]);
}

/** Sets `obj[key]` even for keys like `__proto__` (plain assignment would change the prototype). */
export function defineKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Converts a parameter value to its Yjs form: objects → Y.Map, arrays → Y.Array, long strings → Y.Text. */
export function toYValue(value: ParameterValue, key?: string | number): unknown {
  if (typeof value === 'string') return isLongText(key, value) ? new Y.Text(value) : value;
  if (Array.isArray(value)) {
    const arr = new Y.Array<unknown>();
    arr.push(value.map((v) => toYValue(v)));
    return arr;
  }
  if (value !== null && typeof value === 'object') {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(value)) map.set(k, toYValue(v, k));
    return map;
  }
  return value;
}

/** Converts a Yjs value (as made by `toYValue`, or a plain JSON value) back to plain JSON. */
export function fromYValue(value: unknown): ParameterValue {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.Array) return value.toArray().map(fromYValue);
  if (value instanceof Y.Map) {
    const out: Record<string, ParameterValue> = {};
    for (const [k, v] of orderedEntries(value)) defineKey(out, k, fromYValue(v));
    return out;
  }
  if (value === undefined) return null;
  return clonePlain(value) as ParameterValue;
}

/** Deep copy of a plain JSON value, so callers never alias what is stored in the document. */
export function clonePlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(clonePlain) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Yjs decodes a `__proto__` key as a prototype assignment on the receiving replica, so keeping it locally would
    // make replicas differ. It is never meaningful workflow data: it is dropped everywhere.
    if (k === '__proto__') continue;
    defineKey(out, k, clonePlain(v));
  }
  return out as T;
}

/**
 * Replaces the content of a Y.Text with `next` by editing only the changed middle part,
 * so a concurrent edit elsewhere in the text survives.
 */
export function setTextMinimal(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  )
    end++;
  const delCount = prev.length - start - end;
  if (delCount > 0) text.delete(start, delCount);
  const insert = next.slice(start, next.length - end);
  if (insert) text.insert(start, insert);
}

/**
 * Writes `value` into a Y.Map/Y.Array slot, reusing the existing Yjs type where possible:
 * a string into an existing Y.Text becomes a minimal text edit, an object into an existing Y.Map a per-key merge.
 */
export function assignYValue(
  parent: Y.Map<unknown> | Y.Array<unknown>,
  key: string | number,
  value: ParameterValue,
): void {
  const current = parent instanceof Y.Map ? parent.get(key as string) : parent.get(key as number);
  if (typeof value === 'string' && current instanceof Y.Text) {
    setTextMinimal(current, value);
    return;
  }
  if (isPlainObject(value) && current instanceof Y.Map) {
    for (const k of [...current.keys()]) if (!Object.hasOwn(value, k)) current.delete(k);
    for (const [k, v] of Object.entries(value)) {
      if (!sameValue(current.get(k), v)) assignYValue(current, k, v);
    }
    return;
  }
  if (parent instanceof Y.Map) {
    if (sameValue(current, value)) return;
    parent.set(key as string, toYValue(value, key));
  } else {
    parent.delete(key as number, 1);
    parent.insert(key as number, [toYValue(value)]);
  }
}

function isPlainObject(v: unknown): v is Record<string, ParameterValue> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Structural equality of a stored value and a JSON value. */
export function sameValue(stored: unknown, value: unknown): boolean {
  if (stored === undefined) return false;
  return jsonEqual(fromYValue(stored), value);
}

/** Deep equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ak = Object.keys(a as object);
  const bo = b as Record<string, unknown>;
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.hasOwn(bo, k) && jsonEqual((a as Record<string, unknown>)[k], bo[k]));
}
