import { Button } from '../../../ui/Button.tsx';
import { CustomDataChips } from '../../executions/CustomDataChips.tsx';
import { type RunBarProps, runStatusLine, statusTextClass } from './RunControls.tsx';
import { RunErrorButton } from './RunErrorButton.tsx';
import { runFailure } from './run-data.ts';

/**
 * Under the header while a past execution is shown on the canvas (read-only): what it was and the custom data it
 * saved, replay it against the draft, back to the draft. A mode of its own, so it gets a bar rather than more
 * buttons in the header.
 */
export function PastRunBanner({ run, readOnly, onReplay, showNode }: RunBarProps) {
  if (!run.pastExecution) return null;
  const o = run.overlay;
  const failure = runFailure(o, run.detail);
  const status = (
    <span
      className={`font-medium ${statusTextClass(o.status)}`}
      data-testid="run-status"
      data-status={o.status}
    >
      Past run: {runStatusLine(o)}
    </span>
  );
  return (
    <div
      className="flex items-center gap-3 border-b border-slate-200 bg-slate-100 px-4 py-1.5 text-xs"
      data-testid="past-run-banner"
    >
      {failure ? (
        <RunErrorButton failure={failure} showNode={showNode} align="left">
          {status}
        </RunErrorButton>
      ) : (
        status
      )}
      <CustomDataChips data={run.detail?.customData} />
      <span className="text-slate-500">The canvas shows this execution; the draft is unchanged.</span>
      <div className="ml-auto flex items-center gap-2">
        {!readOnly && run.detail?.id && (
          <Button
            size="sm"
            onClick={() => onReplay(run.detail!.id)}
            title="Run this execution's input again against the draft and compare the outputs per node"
            data-testid="replay-start"
          >
            Replay against draft
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={run.clear} data-testid="close-past-execution">
          Back to draft
        </Button>
      </div>
    </div>
  );
}
