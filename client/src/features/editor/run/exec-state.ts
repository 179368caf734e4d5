/** Per-node state of the execution shown on the canvas. */
export interface NodeRunState {
  status: 'queued' | 'running' | 'success' | 'error' | 'canceled' | 'waiting';
  items?: number;
  /** The run's data was over the storage limit: the `items` were counted but not kept. */
  itemsNotKept?: boolean;
  error?: string;
  durationMs?: number;
}

/** The overlay: execution id, its status and per-node states keyed by node NAME (engine events use names). */
export interface ExecOverlay {
  executionId: string | null;
  status: 'idle' | 'queued' | 'running' | 'success' | 'error' | 'canceled' | 'waiting';
  nodes: Record<string, NodeRunState>;
  error?: string;
  startedAt?: number;
  finishedAt?: number;
}

export const idleOverlay: ExecOverlay = { executionId: null, status: 'idle', nodes: {} };

/** A live execution event (shared/src/schema/events.ts), loosely typed: bad events are ignored. */
export type ExecEvent = { type: string; executionId?: string; [k: string]: unknown };

function nodeKey(e: ExecEvent): string | null {
  const n = e.nodeName ?? e.node ?? (e as { nodeId?: unknown }).nodeId;
  return typeof n === 'string' ? n : null;
}

function countItems(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (Array.isArray(v)) return v.reduce<number>((s, x) => s + (typeof x === 'number' ? x : 0), 0);
  return undefined;
}

function errorText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string')
    return (v as { message: string }).message;
  return undefined;
}

/**
 * Folds one execution event into the overlay. Events of another execution than the one shown start a new
 * overlay only when they are an `execution.started` (the newest run wins); stray events are ignored.
 * @example reduceExec(idleOverlay, { type: 'execution.started', executionId: 'e1' }).status // 'running'
 */
export function reduceExec(s: ExecOverlay, e: ExecEvent): ExecOverlay {
  if (!e || typeof e.type !== 'string') return s;
  const id = typeof e.executionId === 'string' ? e.executionId : null;
  if (e.type === 'execution.started' || e.type === 'execution.queued') {
    if (id && id === s.executionId && e.type === 'execution.queued') return s;
    const queued = Array.isArray(e.nodes)
      ? (e.nodes as unknown[]).filter((n): n is string => typeof n === 'string')
      : [];
    const nodes: Record<string, NodeRunState> = id === s.executionId ? { ...s.nodes } : {};
    for (const n of queued) nodes[n] ??= { status: 'queued' };
    return {
      executionId: id,
      status: e.type === 'execution.queued' ? 'queued' : 'running',
      nodes,
      startedAt: typeof e.at === 'number' ? e.at : Date.now(),
    };
  }
  if (id && s.executionId && id !== s.executionId) return s;
  const base = s.executionId ? s : { ...s, executionId: id, status: 'running' as const };
  const key = nodeKey(e);
  switch (e.type) {
    case 'node.started':
      if (!key) return s;
      return { ...base, nodes: { ...base.nodes, [key]: { status: 'running' } } };
    case 'node.finished': {
      if (!key) return s;
      const status =
        e.status === 'error'
          ? 'error'
          : e.status === 'canceled'
            ? 'canceled'
            : e.status === 'waiting'
              ? 'waiting'
              : 'success';
      const items = countItems(e.itemsOut ?? e.itemCount ?? e.items);
      return {
        ...base,
        nodes: {
          ...base.nodes,
          [key]: {
            status,
            items,
            error: errorText(e.error),
            durationMs:
              typeof e.durationMs === 'number'
                ? e.durationMs
                : typeof e.duration === 'number'
                  ? e.duration
                  : undefined,
          },
        },
      };
    }
    case 'execution.finished': {
      const st = e.status;
      const status: ExecOverlay['status'] =
        st === 'failed' || st === 'error' ? 'error' : st === 'canceled' || st === 'waiting' ? st : 'success';
      // Nodes still marked running/queued when the run ends did not finish (a parked run keeps them waiting).
      const nodes: Record<string, NodeRunState> = {};
      for (const [k, v] of Object.entries(base.nodes))
        nodes[k] =
          v.status === 'running' || v.status === 'queued'
            ? { status: status === 'waiting' ? 'waiting' : 'canceled' }
            : v;
      return { ...base, status, nodes, error: errorText(e.error), finishedAt: Date.now() };
    }
    default:
      return s;
  }
}
