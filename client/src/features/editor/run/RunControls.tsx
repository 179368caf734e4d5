import { Button } from '../../../ui/Button.tsx';
import { formatDuration } from '../../../ui/format.ts';
import { RunErrorButton, type ShowNode } from './RunErrorButton.tsx';
import { isActive, runFailure } from './run-data.ts';
import type { ExecutionOverlayApi } from './useExecutionOverlay.ts';

const STATUS_TEXT: Record<string, string> = {
  queued: 'Queued…',
  running: 'Running…',
  success: 'Succeeded',
  error: 'Failed',
  canceled: 'Stopped',
  waiting: 'Waiting',
};

/** "Succeeded · 95 ms": the shown execution's status, and its duration once it ended. */
export function runStatusLine(o: ExecutionOverlayApi['overlay']): string {
  const took =
    o.startedAt && o.finishedAt && !isActive(o.status)
      ? ` · ${formatDuration(o.finishedAt - o.startedAt)}`
      : '';
  return `${STATUS_TEXT[o.status] ?? o.status}${took}`;
}

/** The colour of that line. */
export function statusTextClass(status: string): string {
  return status === 'error' ? 'text-rose-600' : status === 'success' ? 'text-emerald-600' : 'text-slate-500';
}

/** What the run controls and the past-run bar get. */
export type RunBarProps = {
  run: ExecutionOverlayApi;
  readOnly: boolean;
  /** Replay a past execution against the draft. */
  onReplay: (executionId: string) => void;
  /** Where "Show node" of a failed run takes the user. */
  showNode: ShowNode;
};

/**
 * Run workflow / Stop, with the status of the latest run; a past execution's status is in PastRunBanner, the list of
 * executions behind ExecutionsButton, and the partial runs of one node in its panel (NodeRunButtons). When the run
 * failed or a request did, the status is a button that says what went wrong (RunErrorButton).
 */
export function RunControls({ run, readOnly, showNode }: Omit<RunBarProps, 'onReplay'>) {
  const active = isActive(run.overlay.status);
  const o = run.overlay;
  const failure = run.pastExecution ? null : runFailure(o, run.detail);
  const status = o.status !== 'idle' && !run.pastExecution && (
    <span
      // Below lg, where the header has less room, a request's error takes the status's place.
      className={`text-xs font-medium ${statusTextClass(o.status)} ${run.error ? 'hidden lg:inline' : ''}`}
      data-testid="run-status"
      data-status={o.status}
    >
      {runStatusLine(o)}
    </span>
  );
  return (
    <div className="flex min-w-0 items-center gap-2">
      {failure || run.error ? (
        <RunErrorButton failure={failure} requestError={run.error} showNode={showNode} align="right">
          {status}
          {run.error && (
            // Cut short on screen, whole in the popover, its title and the alert.
            <span
              className="max-w-28 truncate text-xs text-rose-600 lg:max-w-48"
              title={run.error}
              data-testid="run-error"
            >
              {run.error}
            </span>
          )}
        </RunErrorButton>
      ) : (
        status
      )}
      {run.error && (
        <span className="sr-only" role="alert">
          {run.error}
        </span>
      )}
      {!readOnly &&
        (active ? (
          <Button variant="danger" size="sm" onClick={run.stop} data-testid="run-stop">
            ■ Stop
          </Button>
        ) : (
          <Button
            variant="primary"
            size="sm"
            onClick={() => run.start({})}
            busy={run.busy}
            data-testid="run-workflow"
            title="Run workflow (Ctrl+Enter)"
          >
            ▶ Run
          </Button>
        ))}
    </div>
  );
}
