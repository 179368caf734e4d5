import { useCallback, useRef, useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { useDismiss } from '../../../ui/useDismiss.ts';
import { ExecutionsList } from './ExecutionsList.tsx';
import type { ExecutionOverlayApi } from './useExecutionOverlay.ts';

/** "Executions" in the header: opens the list of this workflow's executions under it. */
export function ExecutionsButton({
  workflowRun,
  onReplay,
}: {
  workflowRun: ExecutionOverlayApi;
  /** Replay an execution against the draft (editors only). */
  onReplay?: (executionId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, toggle, open, close);
  return (
    <div className="relative" ref={root}>
      <Button
        ref={toggle}
        size="sm"
        variant="ghost"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        data-testid="executions-toggle"
      >
        Executions
      </Button>
      {open && <ExecutionsList workflowRun={workflowRun} onReplay={onReplay} onClose={close} />}
    </div>
  );
}
