import { Button } from '../../../ui/Button.tsx';
import { formatDuration } from '../../../ui/format.ts';
import { ExecutionsButton } from './ExecutionsButton.tsx';
import type { ExecutionOverlayApi } from './useExecutionOverlay.ts';

const STATUS_TEXT: Record<string, string> = {
  queued: 'Queued…',
  running: 'Running…',
  success: 'Succeeded',
  error: 'Failed',
  canceled: 'Stopped',
  waiting: 'Waiting',
};

/** Run workflow / Run to selected node / Stop, with the status of the shown execution. */
export function RunControls({
  run,
  readOnly,
  selectedNodeName,
  onReplay,
}: {
  run: ExecutionOverlayApi;
  readOnly: boolean;
  selectedNodeName: string | null;
  /** Replay a past execution against the draft. */
  onReplay: (executionId: string) => void;
}) {
  const active = run.overlay.status === 'running' || run.overlay.status === 'queued';
  const o = run.overlay;
  const took = o.startedAt && o.finishedAt ? formatDuration(o.finishedAt - o.startedAt) : null;
  return (
    <div className="flex items-center gap-2">
      {o.status !== 'idle' && (
        <span
          className={`text-xs font-medium ${o.status === 'error' ? 'text-rose-600' : o.status === 'success' ? 'text-emerald-600' : 'text-slate-500'}`}
          data-testid="run-status"
          data-status={o.status}
          title={o.error}
        >
          {run.pastExecution ? 'Past run: ' : ''}
          {STATUS_TEXT[o.status] ?? o.status}
          {took && !active ? ` · ${took}` : ''}
        </span>
      )}
      {run.pastExecution && !readOnly && run.detail?.id && (
        <Button
          size="sm"
          onClick={() => onReplay(run.detail!.id)}
          title="Run this execution's input again against the draft and compare the outputs per node"
          data-testid="replay-start"
        >
          Replay against draft
        </Button>
      )}
      {run.pastExecution && (
        <Button size="sm" variant="ghost" onClick={run.clear} data-testid="close-past-execution">
          Back to draft
        </Button>
      )}
      {run.error && (
        <span className="max-w-48 truncate text-xs text-rose-600" title={run.error} data-testid="run-error">
          {run.error}
        </span>
      )}
      <ExecutionsButton workflowRun={run} onReplay={readOnly ? undefined : onReplay} />
      {!readOnly &&
        (active ? (
          <Button variant="danger" size="sm" onClick={run.stop} data-testid="run-stop">
            ■ Stop
          </Button>
        ) : (
          <>
            {selectedNodeName && (
              <>
                <Button
                  size="sm"
                  onClick={() => run.start({ destinationNode: selectedNodeName })}
                  busy={run.busy}
                  data-testid="run-to-node"
                  title={`Run what leads up to “${selectedNodeName}”`}
                >
                  Run to here
                </Button>
                {run.detail?.id && (
                  <Button
                    size="sm"
                    onClick={() =>
                      run.start({
                        destinationNode: selectedNodeName,
                        runNodeOnly: true,
                        previousExecutionId: run.detail!.id,
                      })
                    }
                    busy={run.busy}
                    data-testid="run-node-only"
                    title={`Run only “${selectedNodeName}”, on the input it had in the last run`}
                  >
                    Run this node
                  </Button>
                )}
                <Button
                  size="sm"
                  onClick={() => run.start({ startNode: selectedNodeName })}
                  busy={run.busy}
                  data-testid="run-from-node"
                  title={`Run the workflow starting at “${selectedNodeName}”`}
                >
                  Run from here
                </Button>
              </>
            )}
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
          </>
        ))}
    </div>
  );
}
