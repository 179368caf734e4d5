import { Button } from '../../../ui/Button.tsx';
import type { RunOptions } from './executions-api.ts';
import { isActive } from './run-data.ts';
import type { ExecutionOverlayApi } from './useExecutionOverlay.ts';

/** Partial runs around the node whose panel is open: up to it, it alone (on its last input), from it on. */
export function NodeRunButtons({ run, nodeName }: { run: ExecutionOverlayApi; nodeName: string }) {
  if (isActive(run.overlay.status)) return null;
  const last = run.detail?.id;
  const buttons: Array<{ id: string; label: string; title: string; opts: RunOptions }> = [
    {
      id: 'run-to-node',
      label: 'Run to here',
      title: `Run what leads up to “${nodeName}”`,
      opts: { destinationNode: nodeName },
    },
    ...(last
      ? [
          {
            id: 'run-node-only',
            label: 'Run this node',
            title: `Run only “${nodeName}”, on the input it had in the last run`,
            opts: { destinationNode: nodeName, runNodeOnly: true, previousExecutionId: last },
          },
        ]
      : []),
    {
      id: 'run-from-node',
      label: 'Run from here',
      title: `Run the workflow starting at “${nodeName}”`,
      opts: { startNode: nodeName },
    },
  ];
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="node-run-buttons">
      {buttons.map((b) => (
        <Button
          key={b.id}
          size="sm"
          onClick={() => run.start(b.opts)}
          busy={run.busy}
          data-testid={b.id}
          title={b.title}
        >
          {b.label}
        </Button>
      ))}
    </div>
  );
}
