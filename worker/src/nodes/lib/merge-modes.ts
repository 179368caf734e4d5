import type { Item } from '@tandem/shared/engine';
import { NodeOperationError } from '@tandem/shared/engine';
import { deepMerge, getField, stableKey } from './paths.ts';

/** Merge algorithms shared by Merge v1–v3 (and usable by Compare Datasets). */

export type Clash = { resolveClash?: string; mergeMode?: string; overrideEmpty?: boolean };
export type JoinMode = 'keepMatches' | 'keepNonMatches' | 'keepEverything' | 'enrichInput1' | 'enrichInput2';

const paired = (item: Item, index: number, input: number): Item => ({
  ...item,
  pairedItem: { item: index, input },
});

/** Combine two items' json with n8n clash handling (default: input 2 wins, deep merge). */
export function combine(a: Item, b: Item, ai: number, bi: number, clash: Clash = {}): Item {
  const mode = clash.mergeMode ?? 'deepMerge';
  // y is the preferred side; with overrideEmpty its empty values don't hide the other side's.
  const pick = (x: Record<string, unknown>, y: Record<string, unknown>) => {
    const yy = clash.overrideEmpty
      ? Object.fromEntries(Object.entries(y).filter(([, v]) => v !== undefined && v !== null && v !== ''))
      : y;
    return mode === 'shallowMerge' ? { ...x, ...yy } : deepMerge(x, yy);
  };
  let json: Record<string, unknown>;
  switch (clash.resolveClash ?? 'preferLast') {
    case 'preferInput1':
      json = pick(b.json, a.json);
      break;
    case 'addSuffix': {
      json = {};
      for (const [k, v] of Object.entries(a.json)) json[k in b.json ? `${k}_1` : k] = v;
      for (const [k, v] of Object.entries(b.json)) json[k in a.json ? `${k}_2` : k] = v;
      break;
    }
    default:
      json = pick(a.json, b.json);
  }
  const binary = a.binary || b.binary ? { ...(a.binary ?? {}), ...(b.binary ?? {}) } : undefined;
  return {
    json,
    ...(binary ? { binary } : {}),
    pairedItem: [
      { item: ai, input: 0 },
      { item: bi, input: 1 },
    ],
  };
}

export function append(inputs: Item[][]): Item[] {
  return inputs.flatMap((items, input) => (items ?? []).map((it, i) => paired(it, i, input)));
}

export interface MatchOptions {
  fields: { field1: string; field2: string }[];
  joinMode: JoinMode;
  outputDataFrom?: 'both' | 'input1' | 'input2';
  multipleMatches?: 'all' | 'first';
  clash?: Clash;
  fuzzyCompare?: boolean;
  dotNotation?: boolean;
}

function keyOf(item: Item, fields: string[], fuzzy: boolean, dot: boolean): string | undefined {
  const vals = fields.map((f) => getField(item.json, f, dot));
  if (vals.some((v) => v === undefined || v === null)) return undefined;
  return stableKey(
    fuzzy ? vals.map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v)) : vals,
  );
}

/** SQL-like join on matching fields: inner (keepMatches), anti (keepNonMatches), full outer, left, right. */
export function combineByFields(in1: Item[], in2: Item[], o: MatchOptions): Item[] {
  if (!o.fields.length || o.fields.some((f) => !f.field1 || !f.field2)) {
    throw new NodeOperationError('You need to define at least one pair of fields to match');
  }
  const f1 = o.fields.map((f) => f.field1);
  const f2 = o.fields.map((f) => f.field2);
  const dot = o.dotNotation !== false;
  const index = new Map<string, number[]>();
  in2.forEach((it, i) => {
    const k = keyOf(it, f2, !!o.fuzzyCompare, dot);
    if (k === undefined) return;
    const list = index.get(k) ?? [];
    list.push(i);
    index.set(k, list);
  });
  const matched2 = new Set<number>();
  const out: Item[] = [];
  const unmatched1: Item[] = [];
  const from = o.outputDataFrom ?? 'both';
  in1.forEach((a, ai) => {
    const k = keyOf(a, f1, !!o.fuzzyCompare, dot);
    let hits = k === undefined ? [] : (index.get(k) ?? []);
    if (o.multipleMatches === 'first') hits = hits.slice(0, 1);
    if (!hits.length) {
      unmatched1.push(paired(a, ai, 0));
      if (o.joinMode === 'enrichInput1') out.push(paired(a, ai, 0));
      return;
    }
    for (const bi of hits) matched2.add(bi);
    if (o.joinMode === 'keepNonMatches') return;
    if (o.joinMode === 'keepMatches' && from === 'input1') {
      out.push(paired(a, ai, 0));
      return;
    }
    for (const bi of hits) {
      if (o.joinMode === 'keepMatches' && from === 'input2') out.push(paired(in2[bi], bi, 1));
      else out.push(combine(a, in2[bi], ai, bi, o.clash));
    }
  });
  const unmatched2 = in2
    .map((b, bi) => [b, bi] as const)
    .filter(([, bi]) => !matched2.has(bi))
    .map(([b, bi]) => paired(b, bi, 1));
  switch (o.joinMode) {
    case 'keepNonMatches':
      return from === 'input1' ? unmatched1 : from === 'input2' ? unmatched2 : [...unmatched1, ...unmatched2];
    case 'keepEverything':
      return [...out, ...unmatched1, ...unmatched2];
    case 'enrichInput2':
      return [...out, ...unmatched2];
    default:
      return out;
  }
}

/** Pair items by index; leftovers kept only with includeUnpaired (outer). */
export function combineByPosition(in1: Item[], in2: Item[], includeUnpaired: boolean, clash?: Clash): Item[] {
  const n = includeUnpaired ? Math.max(in1.length, in2.length) : Math.min(in1.length, in2.length);
  const out: Item[] = [];
  for (let i = 0; i < n; i++) {
    const a = in1[i];
    const b = in2[i];
    if (a && b) out.push(combine(a, b, i, i, clash));
    else if (a) out.push(paired(a, i, 0));
    else if (b) out.push(paired(b, i, 1));
  }
  return out;
}

/** Every combination of input 1 and input 2 items (n8n "multiplex"). */
export function combineAll(in1: Item[], in2: Item[], clash?: Clash): Item[] {
  const out: Item[] = [];
  in1.forEach((a, ai) => {
    in2.forEach((b, bi) => {
      out.push(combine(a, b, ai, bi, clash));
    });
  });
  return out;
}
