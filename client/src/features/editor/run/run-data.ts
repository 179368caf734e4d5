import type { ExecOverlay, NodeRunState } from './exec-state.ts';

/** One node's data in an execution, as the inspector shows it. */
export interface NodeRun {
  nodeName: string;
  status: NodeRunState['status'] | 'unknown';
  input: unknown[];
  /** Items per output index (none for an output whose items were not kept). */
  outputs: unknown[][];
  /** How many items each output had, kept or not. */
  outputCounts: number[];
  /** How many input items there were, kept or not. */
  inputCount: number;
  /** The run's data was over the storage limit and these items were dropped (their counts were kept). */
  outputNotKept?: boolean;
  inputNotKept?: boolean;
  error?: string;
  durationMs?: number;
  pinned?: boolean;
}

/** The parts of `GET /api/executions/{id}` the client reads (tolerant of n8n-style nesting). */
export interface ExecutionDetail {
  id: string;
  workflowId?: string;
  status?: string;
  error?: unknown;
  runData?: Record<string, unknown[]>;
  data?: { resultData?: { runData?: Record<string, unknown[]> }; runData?: Record<string, unknown[]> };
  startedAt?: string | number | null;
  finishedAt?: string | number | null;
  /** What the run saved with an Execution Data node, name → value; {} when nothing. */
  customData?: Record<string, string>;
}

/**
 * The parts of a stored task (n8n TaskData, shared/src/engine/types.ts) the client reads, loosely typed: the api
 * answer is not validated here.
 */
interface StoredTask {
  status?: string;
  executionStatus?: string;
  error?: unknown;
  executionTime?: number;
  data?: { main?: unknown[] };
  inputData?: { main?: unknown[] };
  pinned?: boolean;
  /** Set when the run's data was over the storage limit: the output items were dropped; how many per output. */
  itemsDropped?: number[];
  /** As `itemsDropped`, for the input items. */
  inputItemsDropped?: number[];
}

/** Run data map of an execution detail, wherever the api put it. */
export function runDataOf(d: ExecutionDetail | null | undefined): Record<string, unknown[]> {
  const r = d?.runData ?? d?.data?.resultData?.runData ?? d?.data?.runData;
  return r && typeof r === 'object' ? r : {};
}

function items(v: unknown): unknown[] {
  return Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : [];
}

function errText(e: unknown): string | undefined {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string')
    return (e as { message: string }).message;
  return undefined;
}

/**
 * The last run of a node in an execution's run data (n8n TaskData shape).
 * @example nodeRunFrom(runData, 'Code')?.outputs[0].length
 */
export function nodeRunFrom(runData: Record<string, unknown[]>, nodeName: string): NodeRun | undefined {
  const runs = runData[nodeName];
  if (!Array.isArray(runs) || runs.length === 0) return undefined;
  const t = runs[runs.length - 1] as StoredTask;
  if (!t || typeof t !== 'object') return undefined;
  const dropped = counts(t.itemsDropped);
  const inputDropped = counts(t.inputItemsDropped);
  const outputs = dropped ? dropped.map(() => []) : Array.isArray(t.data?.main) ? t.data.main.map(items) : [];
  const input = Array.isArray(t.inputData?.main) ? t.inputData.main.flatMap(items) : [];
  const st = t.status ?? t.executionStatus ?? (t.error ? 'error' : 'success');
  const status: NodeRun['status'] =
    st === 'success' || st === 'error' || st === 'running' || st === 'canceled' || st === 'waiting'
      ? st
      : 'unknown';
  return {
    nodeName,
    status,
    input,
    outputs,
    outputCounts: dropped ?? outputs.map((o) => o.length),
    inputCount: inputDropped ? sum(inputDropped) : input.length,
    ...(dropped ? { outputNotKept: true } : {}),
    ...(inputDropped ? { inputNotKept: true } : {}),
    error: errText(t.error),
    durationMs: t.executionTime,
    pinned: t.pinned,
  };
}

/** Item counts as stored (`itemsDropped`), or undefined when there are none or they are not counts. */
function counts(v: unknown): number[] | undefined {
  return Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0) ? v : undefined;
}

const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);

/**
 * What the run data view says where items were not kept.
 * @example notKeptText(2000) // "2,000 items — not kept: this run's data was over the storage limit"
 */
export function notKeptText(count: number): string {
  return `${count.toLocaleString('en-US')} item${count === 1 ? '' : 's'} — not kept: this run's data was over the storage limit`;
}

/**
 * The overlay with the item counts of the nodes whose output items were not kept, from the execution's detail: a
 * live run's node events count the items but cannot know the stored run data will drop them. Unchanged (same
 * object) when no node's items were dropped or the detail is of another execution.
 * @example withNotKept(overlay, detail).nodes.Code // { status: 'success', items: 2000, itemsNotKept: true }
 */
export function withNotKept(overlay: ExecOverlay, d: ExecutionDetail | null): ExecOverlay {
  if (!d || d.id !== overlay.executionId) return overlay;
  const runData = runDataOf(d);
  let nodes: Record<string, NodeRunState> | undefined;
  for (const name of Object.keys(runData)) {
    const r = nodeRunFrom(runData, name);
    const state = overlay.nodes[name];
    if (!r?.outputNotKept || !state || state.itemsNotKept) continue;
    nodes ??= { ...overlay.nodes };
    nodes[name] = { ...state, items: sum(r.outputCounts), itemsNotKept: true };
  }
  return nodes ? { ...overlay, nodes } : overlay;
}

/** Overlay states for every node of a finished (or past) execution. */
export function overlayFromDetail(d: ExecutionDetail): ExecOverlay {
  const nodes: Record<string, NodeRunState> = {};
  for (const name of Object.keys(runDataOf(d))) {
    const r = nodeRunFrom(runDataOf(d), name);
    if (!r) continue;
    nodes[name] = {
      status: r.status === 'unknown' ? 'success' : r.status,
      items: sum(r.outputCounts),
      ...(r.outputNotKept ? { itemsNotKept: true } : {}),
      error: r.error,
      durationMs: r.durationMs,
    };
  }
  const s = d.status;
  const status: ExecOverlay['status'] =
    s === 'succeeded' || s === 'success'
      ? 'success'
      : s === 'failed' || s === 'error' || s === 'crashed'
        ? 'error'
        : s === 'running' || s === 'queued' || s === 'canceled' || s === 'waiting'
          ? s
          : 'idle';
  return {
    executionId: d.id,
    status,
    nodes,
    error: errText(d.error),
    startedAt: timeOf(d.startedAt),
    finishedAt: timeOf(d.finishedAt),
  };
}

/** Why a run failed: its error message and, when a node threw it, that node's name. */
export interface RunFailure {
  message: string;
  /** Absent for a workflow-level error (the workflow could not start, timed out, its version is gone). */
  node?: string;
}

/**
 * Why the shown execution failed; null unless it did. The node is the one the stored error names (the engine names
 * the node that threw); without one, the node whose last run failed, as the canvas marks it (from run data for a
 * past run, from node events for a live one; the engine stops at the first node that fails). The live event's
 * message (cut at 2,000 characters) stands in until the execution's detail has loaded.
 * @example runFailure(overlay, detail) // { message: 'boom 42', node: 'Code' }
 */
export function runFailure(overlay: ExecOverlay, detail: ExecutionDetail | null): RunFailure | null {
  if (overlay.status !== 'error') return null;
  const error = detail && detail.id === overlay.executionId ? detail.error : undefined;
  const named = error && typeof error === 'object' ? (error as { node?: unknown }).node : undefined;
  const node =
    typeof named === 'string' && named
      ? named
      : Object.keys(overlay.nodes).findLast((n) => overlay.nodes[n]?.status === 'error');
  const message =
    errText(error) ??
    overlay.error ??
    (node && overlay.nodes[node]?.error) ??
    'The run failed without a message.';
  return node ? { message, node } : { message };
}

/** An api time (ISO text or ms) as ms; undefined when absent or unreadable. */
function timeOf(t: string | number | null | undefined): number | undefined {
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Whether a run is under way (queued or running): Stop instead of Run, no duration yet. */
export function isActive(status: string | undefined): boolean {
  return status === 'running' || status === 'queued';
}

/** Whether an execution status is final. */
export function isFinal(status: string | undefined): boolean {
  return !!status && !['queued', 'running', 'waiting', 'new'].includes(status);
}

/**
 * Column names of a table view of items: union of top-level json keys, first-seen order, at most `max`.
 * @example tableColumns([{ json: { a: 1 } }, { json: { b: 2 } }]) // ['a', 'b']
 */
export function tableColumns(list: unknown[], max = 30): string[] {
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const it of list.slice(0, 200)) {
    const json = it && typeof it === 'object' && 'json' in it ? (it as { json: unknown }).json : it;
    if (!json || typeof json !== 'object') continue;
    for (const k of Object.keys(json)) {
      if (seen.has(k)) continue;
      seen.add(k);
      cols.push(k);
      if (cols.length >= max) return cols;
    }
  }
  return cols;
}

/** Cell text of a table view: primitives as is, objects as compact JSON. */
export function cellText(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'object') {
    const s = JSON.stringify(v);
    return s.length > 200 ? `${s.slice(0, 200)}…` : s;
  }
  return String(v);
}
