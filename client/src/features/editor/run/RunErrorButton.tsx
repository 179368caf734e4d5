import { type ReactNode, useEffect, useRef } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { usePopover } from '../../../ui/usePopover.ts';
import type { RunFailure } from './run-data.ts';

/** Takes the user to a node of the canvas by name (selected, in view, its panel on its output). */
export type ShowNode = { can: (name: string) => boolean; show: (name: string) => void };

/**
 * A run's status when something went wrong: a button that opens what did (the failed run's error, whole and
 * selectable; the error of a start or stop request) and which node failed, with "Show node" to go there. Escape, a
 * press outside or Tab past its end closes it; Escape gives the focus back to the button, "Show node" takes it on
 * into the node's panel (`showNode` opens it on its Output tab, which takes the focus).
 */
export function RunErrorButton({
  failure,
  requestError,
  showNode,
  align,
  children,
}: {
  failure: RunFailure | null;
  requestError?: string | null;
  showNode: ShowNode;
  /** The popover's side: under the button's right edge (in the header) or its left (in the past-run bar). */
  align: 'left' | 'right';
  /** The button's content: the status line, the request error. */
  children: ReactNode;
}) {
  const { open, closeAndFocusTrigger, popoverId, rootProps, triggerProps } = usePopover();
  const box = useRef<HTMLDivElement>(null);
  // The focus goes to the popover itself, so a screen reader reads the error before any action.
  useEffect(() => {
    if (open) box.current?.focus();
  }, [open]);

  const node = failure?.node;
  const show = (name: string) => {
    // On the button until the node's panel takes the focus, so it is never lost with the popover.
    closeAndFocusTrigger();
    showNode.show(name);
  };
  return (
    <div className="relative flex min-w-0" {...rootProps}>
      <button
        {...triggerProps}
        type="button"
        aria-haspopup="dialog"
        className="-mx-1 flex min-w-0 items-center gap-1 rounded px-1 text-xs hover:bg-rose-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
        data-testid="run-error-toggle"
      >
        {children}
        <span className="text-rose-600" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        // whitespace-normal: the header keeps its controls on one line with nowrap, which this box inherits.
        <div
          ref={box}
          id={popoverId}
          role="dialog"
          aria-label="What went wrong"
          tabIndex={-1}
          className={`absolute top-full ${align === 'right' ? 'right-0' : 'left-0'} z-50 mt-2 w-96 max-w-[calc(100vw-2rem)] space-y-3 rounded-xl bg-white p-3 text-left text-xs whitespace-normal text-slate-700 shadow-xl ring-1 ring-slate-200 outline-none`}
          data-testid="run-error-popover"
        >
          {requestError && (
            <div className="space-y-1">
              <p className="font-semibold text-slate-800">The request failed</p>
              <p className="break-words select-text" data-testid="run-error-request">
                {requestError}
              </p>
            </div>
          )}
          {failure && (
            <div className="space-y-2">
              <p className="font-semibold text-slate-800">
                {node ? (
                  <>
                    The run failed at <span data-testid="run-error-node">{node}</span>
                  </>
                ) : (
                  'The run failed'
                )}
              </p>
              <p
                className="max-h-48 overflow-auto rounded-md bg-rose-50 px-2 py-1.5 font-mono break-words whitespace-pre-wrap text-rose-700 select-text"
                data-testid="run-error-message"
              >
                {failure.message}
              </p>
              {node && showNode.can(node) && (
                <Button size="sm" onClick={() => show(node)} data-testid="run-error-show-node">
                  Show node
                </Button>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
