import type { ParameterValue } from '@tandem/shared/schema';
import { type NodeContext, START, type TransitionEvent } from './events.ts';

/** Context keys from most to least specific; prediction backs off along this chain (the last is `prev` alone). */
const CONTEXT_LEVELS: ((c: NodeContext) => string)[] = [
  (c) => `${c.trigger}|${c.prev2}|${c.prev}|${c.out}`,
  (c) => `${c.prev2}|${c.prev}|${c.out}`,
  (c) => `${c.trigger}|${c.prev}|${c.out}`,
  (c) => `${c.prev}|${c.out}`,
  (c) => c.prev,
];

export function contextKeys(c: NodeContext): string[] {
  return CONTEXT_LEVELS.map((f) => f(c));
}

const MAX_VALUES_PER_PARAM = 8;

/** Per-parameter value counts for one (previous type → next type) pair. */
interface PresetStats {
  n: number;
  /** How many observations had each parameter at all. */
  present: Map<string, number>;
  values: Map<string, Map<string, number>>;
}

/** Additive/subtractive count tables, so learning and forgetting a workflow are both O(its edges). */
export class CountTables {
  /** level → context key → next type → count */
  readonly levels: Map<string, Map<string, number>>[] = CONTEXT_LEVELS.map(() => new Map());
  /** Unigram over non-start transitions (triggers only ever come from the START context). */
  readonly unigram = new Map<string, number>();
  readonly presets = new Map<string, PresetStats>();

  apply(e: TransitionEvent, sign: 1 | -1): void {
    const keys = contextKeys(e);
    for (let level = 0; level < keys.length; level++) bump(this.levels[level], keys[level], e.next, sign);
    if (e.prev !== START) addTo(this.unigram, e.next, sign);
    for (const key of [`${e.prev}>${e.next}`, `*>${e.next}`]) this.applyPreset(key, e.params, sign);
  }

  private applyPreset(key: string, params: Record<string, ParameterValue>, sign: 1 | -1) {
    let stats = this.presets.get(key);
    if (!stats) {
      if (sign < 0) return;
      this.presets.set(key, (stats = { n: 0, present: new Map(), values: new Map() }));
    }
    stats.n += sign;
    for (const [name, value] of Object.entries(params)) {
      addTo(stats.present, name, sign);
      let counts = stats.values.get(name);
      if (!counts) stats.values.set(name, (counts = new Map()));
      const json = JSON.stringify(value);
      // Bounded memory: a long tail of distinct values (ids, URLs) is not a preset anyway.
      if (sign > 0 && !counts.has(json) && counts.size >= MAX_VALUES_PER_PARAM) continue;
      addTo(counts, json, sign);
    }
    if (stats.n <= 0) this.presets.delete(key);
  }

  /** The typical parameters of `next` after `prev`: those set in at least half of the observations. */
  preset(prev: string, next: string): Record<string, ParameterValue> | undefined {
    const stats = this.presets.get(`${prev}>${next}`) ?? this.presets.get(`*>${next}`);
    if (!stats || stats.n <= 0) return undefined;
    const out: Record<string, ParameterValue> = {};
    for (const [name, counts] of stats.values) {
      let best: [string, number] | undefined;
      for (const entry of counts) {
        if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
      }
      // A parameter most nodes of this kind set gets its most common value, as an editable default.
      if (best && (stats.present.get(name) ?? 0) * 2 >= stats.n) out[name] = JSON.parse(best[0]);
    }
    return out;
  }
}

function bump(table: Map<string, Map<string, number>>, key: string, next: string, sign: 1 | -1) {
  let row = table.get(key);
  if (!row) {
    if (sign < 0) return;
    table.set(key, (row = new Map()));
  }
  addTo(row, next, sign);
  if (row.size === 0) table.delete(key);
}

function addTo(map: Map<string, number>, key: string, sign: 1 | -1) {
  const v = (map.get(key) ?? 0) + sign;
  if (v > 0) map.set(key, v);
  else map.delete(key);
}
