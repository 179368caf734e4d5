import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../ui/States.tsx';
import { fetchExecution } from '../run/executions-api.ts';
import { isFinal } from '../run/run-data.ts';
import type { ExecutionOverlayApi } from '../run/useExecutionOverlay.ts';
import { compareExecutions, startReplay } from './replay-api.ts';
import type { CompareResult } from './replay-model.ts';

export type ReplayState =
  | { phase: 'idle' }
  | { phase: 'running'; sourceId: string; replayId: string | null }
  | { phase: 'done'; sourceId: string; replayId: string; status: string; result: CompareResult }
  | { phase: 'error'; sourceId: string; replayId: string | null; message: string };

const POLL_MS = 700;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * "Replay against draft": re-runs a past execution's trigger input on the current draft, shows the replay live
 * on the canvas (the execution overlay follows it), then fetches the per-node diff of past run → replay.
 */
export function useReplay(run: Pick<ExecutionOverlayApi, 'follow'>) {
  const [state, setState] = useState<ReplayState>({ phase: 'idle' });
  // Each start gets a token; a newer start, close or unmount makes the older loop stop quietly.
  const token = useRef(0);
  useEffect(() => () => void token.current++, []);
  const { follow } = run;

  const start = useCallback(
    async (sourceId: string) => {
      const mine = ++token.current;
      const live = () => token.current === mine;
      let replayId: string | null = null;
      setState({ phase: 'running', sourceId, replayId });
      try {
        replayId = await startReplay(sourceId);
        if (!live()) return;
        setState({ phase: 'running', sourceId, replayId });
        follow(replayId);
        let status = 'queued';
        // A replay parked at a Wait node is compared as far as it got.
        while (!isFinal(status) && status !== 'waiting') {
          await sleep(POLL_MS);
          if (!live()) return;
          status = (await fetchExecution(replayId)).status ?? 'queued';
        }
        const result = await compareExecutions(sourceId, replayId);
        if (live()) setState({ phase: 'done', sourceId, replayId, status, result });
      } catch (e) {
        if (live()) setState({ phase: 'error', sourceId, replayId, message: errorMessage(e) });
      }
    },
    [follow],
  );

  const close = useCallback(() => {
    token.current++;
    setState({ phase: 'idle' });
  }, []);

  return { state, start, close };
}

export type ReplayApi = ReturnType<typeof useReplay>;
