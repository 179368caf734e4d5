import { type RefObject, useCallback, useId, useRef, useState } from 'react';
import { closeOnTabOut, returnFocus, useDismiss } from './useDismiss.ts';

/**
 * The plumbing of a button that opens a popover under it: a click on the trigger toggles it; Escape, a press
 * outside or Tab away closes it; Escape gives the focus back to the trigger, a press outside leaves it where the
 * user pressed. `rootProps` go on an element holding both trigger and popover, `popoverId` on the popover. Where the
 * focus goes when it opens is the component's (an effect on `open`). Pass `triggerRef` when the trigger's ref must be
 * shared (one button opening a menu and, from it, another popover).
 * @example
 * const p = usePopover();
 * <div className="relative" {...p.rootProps}>
 *   <button {...p.triggerProps}>More</button>
 *   {p.open && <div id={p.popoverId}>…</div>}
 * </div>
 */
export function usePopover(sharedTriggerRef?: RefObject<HTMLButtonElement | null>) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const ownTriggerRef = useRef<HTMLButtonElement>(null);
  const triggerRef = sharedTriggerRef ?? ownTriggerRef;
  const popoverId = useId();
  const close = useCallback(() => setOpen(false), []);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  /** For a choice made in the popover: closes it, the focus back on the trigger rather than lost with it. */
  const closeAndFocusTrigger = useCallback(() => {
    returnFocus(rootRef.current, triggerRef.current);
    setOpen(false);
  }, [triggerRef]);
  useDismiss(rootRef, triggerRef, open, close);
  return {
    open,
    setOpen,
    toggle,
    close,
    closeAndFocusTrigger,
    rootRef,
    triggerRef,
    popoverId,
    rootProps: { ref: rootRef, onBlur: closeOnTabOut(rootRef, close) },
    triggerProps: {
      ref: triggerRef,
      onClick: toggle,
      'aria-expanded': open,
      'aria-controls': open ? popoverId : undefined,
    },
  };
}
