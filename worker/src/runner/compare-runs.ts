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
  /** Items of the node's outputs, counted even where they were not kept. */
  itemsA: number;
  itemsB: number;
  /** The run's data was over the storage limit and this node's output items were dropped: not compared. */
  notKeptA?: boolean;
  notKeptB?: boolean;
  /** Differing items (at most `maxItems` per node). */
  items: ItemChange[];
};

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

function outputsOf(runData: RunData, node: string): { outputs: unknown[][]; count: number; notKept?: true } {
  const runs = runData[node];
  const last = runs?.[runs.length - 1];
  const outputs = (last?.data?.main ?? []).map((items) => (items ?? []).map((i) => i.json));
  if (last?.itemsDropped) return { outputs, count: sum(last.itemsDropped), notKept: true };
  return { outputs, count: sum(outputs.map((o) => o.length)) };
}

const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);

/**
 * Per-node, per-item diff of two executions' outputs (last run of each node, item JSON, key order ignored).
 * @example compareRuns(a.runData, b.runData).filter((n) => n.status !== 'same')
 */
export function compareRuns(a: RunData, b: RunData, maxItems = 100): NodeComparison[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.map((node) => {
    const ra = outputsOf(a, node);
    const rb = outputsOf(b, node);
    const base = {
      node,
      itemsA: ra.count,
      itemsB: rb.count,
      ...(ra.notKept ? { notKeptA: true } : {}),
      ...(rb.notKept ? { notKeptB: true } : {}),
      items: [] as ItemChange[],
    };
    if (!(node in b)) return { ...base, status: 'only-a' };
    if (!(node in a)) return { ...base, status: 'only-b' };
    // Items not kept on either side cannot be compared: not the same unless neither run had any.
    if (ra.notKept || rb.notKept) return { ...base, status: ra.count + rb.count === 0 ? 'same' : 'changed' };
    const oa = ra.outputs;
    const ob = rb.outputs;
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
