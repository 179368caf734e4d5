/** One differing item of a node (GET /api/executions/{a}/compare/{b}, worker/src/runner/compare-runs.ts). */
export interface ItemChange {
  output: number;
  index: number;
  change: 'changed' | 'added' | 'removed';
  a?: unknown;
  b?: unknown;
}

/** One node of the compare answer; `a` is the past run, `b` the replay against the draft. */
export interface NodeComparison {
  node: string;
  status: 'same' | 'changed' | 'only-a' | 'only-b';
  /** Items of the node's outputs, counted even where they were not kept. */
  itemsA: number;
  itemsB: number;
  /** That run's data was over the storage limit and this node's output items were dropped: not compared. */
  notKeptA?: boolean;
  notKeptB?: boolean;
  items: ItemChange[];
}

export interface CompareResult {
  a: string;
  b: string;
  nodes: NodeComparison[];
}

/** What the replay did to a node's output, as the UI says it. */
export type DiffKind = 'changed' | 'added' | 'removed' | 'same';

/** Past run vs replay: `only-b` ran only in the replay (added), `only-a` only in the past run (removed). */
export function diffKind(status: NodeComparison['status']): DiffKind {
  return status === 'only-b' ? 'added' : status === 'only-a' ? 'removed' : status;
}

const ORDER: Record<DiffKind, number> = { changed: 0, added: 1, removed: 2, same: 3 };

/**
 * The compare answer as rows for the replay panel: differences first (changed, added, removed), then the nodes
 * whose output stayed the same; node names keep their order within a kind. Tolerates a malformed answer.
 * @example replayRows(res).filter((r) => r.kind !== 'same').map((r) => r.node)
 */
export function replayRows(result: CompareResult | null | undefined) {
  const nodes = Array.isArray(result?.nodes) ? result.nodes : [];
  return nodes
    .filter((n): n is NodeComparison => !!n && typeof n.node === 'string')
    .map((n) => ({ ...n, kind: diffKind(n.status), items: Array.isArray(n.items) ? n.items : [] }))
    .sort((x, y) => ORDER[x.kind] - ORDER[y.kind]);
}

export type ReplayRow = ReturnType<typeof replayRows>[number];

/** Counts per kind, for the summary line. */
export function replaySummary(rows: ReplayRow[]): Record<DiffKind, number> {
  const out: Record<DiffKind, number> = { changed: 0, added: 0, removed: 0, same: 0 };
  for (const r of rows) out[r.kind]++;
  return out;
}

/** The diff kind per node NAME (what the canvas decorates; engine results are keyed by name). */
export function diffByName(rows: ReplayRow[]): Map<string, DiffKind> {
  return new Map(rows.map((r) => [r.node, r.kind]));
}

/**
 * Top-level keys of two item JSONs whose values differ (what to highlight in an item diff).
 * @example changedKeys({ a: 1, b: 2 }, { a: 1, b: 3, c: 0 }) // ['b', 'c']
 */
export function changedKeys(a: unknown, b: unknown): string[] {
  const oa = a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>) : {};
  const ob = b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(oa), ...Object.keys(ob)])];
  return keys.filter((k) => JSON.stringify(oa[k]) !== JSON.stringify(ob[k]));
}

const count = (n: number, notKept: boolean | undefined) =>
  `${n.toLocaleString('en-US')}${notKept ? ' (not kept)' : ''}`;

/**
 * The item counts of a row as the replay panel says them.
 * @example countsText({ ...row, kind: 'changed', itemsA: 2000, notKeptA: true, itemsB: 3 }) // '2,000 (not kept) → 3 item(s)'
 */
export function countsText(r: ReplayRow): string {
  if (r.kind === 'added') return `${count(r.itemsB, r.notKeptB)} item(s), only in the replay`;
  if (r.kind === 'removed') return `${count(r.itemsA, r.notKeptA)} item(s), only in the past run`;
  return `${count(r.itemsA, r.notKeptA)} → ${count(r.itemsB, r.notKeptB)} item(s)`;
}

/** Why a row's items were not compared (a run whose data was over the storage limit); null when they were. */
export function notKeptNote(r: ReplayRow): string | null {
  const which =
    r.notKeptA && r.notKeptB ? 'either run' : r.notKeptA ? 'the past run' : r.notKeptB ? 'the replay' : null;
  if (!which || r.kind === 'added' || r.kind === 'removed') return null;
  return `Items not compared: not kept in ${which}, whose data was over the storage limit.`;
}
