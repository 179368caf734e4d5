import { useEffect } from 'react';
import type { ExecutionOverlayApi } from './useExecutionOverlay.ts';

/**
 * `?execution=<id>` in the editor's address: a link to a run (executions page, dashboard) opens it on the canvas,
 * and the address follows the past run shown, so it can be shared or reloaded.
 */
export function useRunInUrl(run: ExecutionOverlayApi): void {
  const { open } = run;
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('execution');
    if (id) open(id);
  }, [open]);
  const shown = run.pastExecution ? run.detail?.id : undefined;
  useEffect(() => {
    const url = new URL(window.location.href);
    if ((url.searchParams.get('execution') ?? undefined) === shown) return;
    if (shown) url.searchParams.set('execution', shown);
    else url.searchParams.delete('execution');
    window.history.replaceState(window.history.state, '', url);
  }, [shown]);
}
