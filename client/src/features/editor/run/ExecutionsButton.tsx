import { Button } from '../../../ui/Button.tsx';
import { usePopover } from '../../../ui/usePopover.ts';
import { ExecutionsList } from './ExecutionsList.tsx';
import type { ExecutionOverlayApi } from './useExecutionOverlay.ts';

/**
 * "Executions" in the header: opens the list of this workflow's executions under it. Escape, a press outside or Tab
 * away closes it; Escape and a pick give the focus back to the button.
 */
export function ExecutionsButton({
  workflowRun,
  onReplay,
}: {
  workflowRun: ExecutionOverlayApi;
  /** Replay an execution against the draft (editors only). */
  onReplay?: (executionId: string) => void;
}) {
  const { open, closeAndFocusTrigger, popoverId, rootProps, triggerProps } = usePopover();
  return (
    <div className="relative" {...rootProps}>
      <Button {...triggerProps} size="sm" variant="ghost" data-testid="executions-toggle">
        Executions
      </Button>
      {open && (
        <ExecutionsList
          id={popoverId}
          workflowRun={workflowRun}
          onReplay={onReplay}
          onClose={closeAndFocusTrigger}
        />
      )}
    </div>
  );
}
