import type { RunData } from '@tandem/shared/engine';

export type ItemChange = {
  output: number;
  index: number;
  change: 'changed' | 'added' | 'removed';
  a?: unknown;
  b?: unknown;
};
export type NodeComparison = {
  node: string;
  status: 'same' | 'changed' | 'only-a' | 'only-b';
  itemsA: number;
  itemsB: number;
  /** Differing items (at most `maxItems` per node). */
  items: ItemChange[];
};

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

function outputsOf(runData: RunData, node: string): unknown[][] {
  const runs = runData[node];
  const last = runs?.[runs.length - 1];
  return (last?.data?.main ?? []).map((items) => (items ?? []).map((i) => i.json));
}

/**
 * Per-node, per-item diff of two executions' outputs (last run of each node, item JSON, key order ignored).
 * @example compareRuns(a.runData, b.runData).filter((n) => n.status !== 'same')
 */
export function compareRuns(a: RunData, b: RunData, maxItems = 100): NodeComparison[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.map((node) => {
    const oa = outputsOf(a, node);
    const ob = outputsOf(b, node);
    const count = (o: unknown[][]) => o.reduce((n, l) => n + l.length, 0);
    const base = { node, itemsA: count(oa), itemsB: count(ob), items: [] as ItemChange[] };
    if (!(node in b)) return { ...base, status: 'only-a' };
    if (!(node in a)) return { ...base, status: 'only-b' };
    for (let output = 0; output < Math.max(oa.length, ob.length); output++) {
      const la = oa[output] ?? [];
      const lb = ob[output] ?? [];
      for (let index = 0; index < Math.max(la.length, lb.length); index++) {
        if (base.items.length >= maxItems) break;
        if (index >= la.length) base.items.push({ output, index, change: 'added', b: lb[index] });
        else if (index >= lb.length) base.items.push({ output, index, change: 'removed', a: la[index] });
        else if (canonical(la[index]) !== canonical(lb[index]))
          base.items.push({ output, index, change: 'changed', a: la[index], b: lb[index] });
      }
    }
    const same = base.items.length === 0 && base.itemsA === base.itemsB;
    return { ...base, status: same ? 'same' : 'changed' };
  });
}
