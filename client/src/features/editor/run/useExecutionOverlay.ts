import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { type ExecEvent, type ExecOverlay, idleOverlay, reduceExec } from './exec-state.ts';
import { cancelExecution, executeDraft, fetchExecution, type RunOptions } from './executions-api.ts';
import {
  type ExecutionDetail,
  isFinal,
  type NodeRun,
  nodeRunFrom,
  overlayFromDetail,
  runDataOf,
  withNotKept,
} from './run-data.ts';

const EVENT_TYPES = ['execution.started', 'node.started', 'node.finished', 'execution.finished'];

type Action = { kind: 'event'; event: ExecEvent } | { kind: 'replace'; overlay: ExecOverlay };

function reducer(s: ExecOverlay, a: Action): ExecOverlay {
  return a.kind === 'replace' ? a.overlay : reduceExec(s, a.event);
}

export interface ExecutionOverlayApi {
  overlay: ExecOverlay;
  detail: ExecutionDetail | null;
  error: string | null;
  busy: boolean;
  /** Whether live events are flowing (SSE open). */
  live: boolean;
  /** When true the view is a past execution opened read-only. */
  pastExecution: boolean;
  start(opts: RunOptions): void;
  /** Shows an execution started elsewhere (e.g. a replay) live on the canvas, like one's own run. */
  follow(executionId: string): void;
  stop(): void;
  open(executionId: string): void;
  clear(): void;
  nodeRun(name: string): NodeRun | undefined;
}

/**
 * Live execution state of a workflow for the canvas overlay: events from `GET /api/workflows/{id}/events`
 * (runs started anywhere), plus the run data of the shown execution from `GET /api/executions/{id}`.
 */
export function useExecutionOverlay(workflowId: string): ExecutionOverlayApi {
  const [overlay, dispatch] = useReducer(reducer, idleOverlay);
  const [detail, setDetail] = useState<ExecutionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [live, setLive] = useState(false);
  const [past, setPast] = useState(false);
  const current = useRef<string | null>(null);
  current.current = overlay.executionId;

  const loadDetail = useCallback(async (id: string) => {
    try {
      const d = await fetchExecution(id);
      if (current.current !== id && current.current !== null) return d;
      setDetail(d);
      return d;
    } catch {
      return null;
    }
  }, []);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/workflows/${encodeURIComponent(workflowId)}/events`, {
      withCredentials: true,
    });
    const onMsg = (m: MessageEvent) => {
      let e: ExecEvent;
      try {
        e = JSON.parse(m.data);
      } catch {
        return;
      }
      if (!e || typeof e.type !== 'string') return;
      if (e.type === 'execution.started') setPast(false);
      dispatch({ kind: 'event', event: e });
      if (e.type === 'execution.finished' && typeof e.executionId === 'string') {
        current.current = e.executionId;
        void loadDetail(e.executionId);
      }
    };
    es.onopen = () => setLive(true);
    es.onerror = () => setLive(false);
    es.onmessage = onMsg;
    for (const t of EVENT_TYPES) es.addEventListener(t, onMsg as EventListener);
    return () => es.close();
  }, [workflowId, loadDetail]);

  // Polling backs up the event stream for our own runs (and fetches run data as nodes finish).
  useEffect(() => {
    const id = overlay.executionId;
    if (!id || past || isFinal(overlay.status) || overlay.status === 'idle') return;
    const t = setInterval(
      async () => {
        const d = await loadDetail(id);
        if (d && isFinal(d.status)) dispatch({ kind: 'replace', overlay: overlayFromDetail(d) });
      },
      live ? 3000 : 1000,
    );
    return () => clearInterval(t);
  }, [overlay.executionId, overlay.status, past, live, loadDetail]);

  const start = useCallback(
    (opts: RunOptions) => {
      setBusy(true);
      setError(null);
      setPast(false);
      setDetail(null);
      executeDraft(workflowId, opts)
        .then((id) => {
          current.current = id;
          dispatch({ kind: 'event', event: { type: 'execution.queued', executionId: id } });
        })
        .catch((e: Error) => setError(e.message))
        .finally(() => setBusy(false));
    },
    [workflowId],
  );

  const follow = useCallback((executionId: string) => {
    setError(null);
    setPast(false);
    setDetail(null);
    current.current = executionId;
    dispatch({ kind: 'event', event: { type: 'execution.queued', executionId } });
  }, []);

  const stop = useCallback(() => {
    const id = current.current;
    if (!id) return;
    cancelExecution(id).catch((e: Error) => setError(e.message));
  }, []);

  const open = useCallback((executionId: string) => {
    setError(null);
    current.current = executionId;
    fetchExecution(executionId)
      .then((d) => {
        setPast(true);
        setDetail(d);
        dispatch({ kind: 'replace', overlay: overlayFromDetail(d) });
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  const clear = useCallback(() => {
    setPast(false);
    setDetail(null);
    dispatch({ kind: 'replace', overlay: idleOverlay });
  }, []);

  const nodeRun = useCallback((name: string) => nodeRunFrom(runDataOf(detail), name), [detail]);

  const shown = useMemo(() => withNotKept(overlay, detail), [overlay, detail]);

  return {
    overlay: shown,
    detail,
    error,
    busy,
    live,
    pastExecution: past,
    start,
    follow,
    stop,
    open,
    clear,
    nodeRun,
  };
}
