import { type FocusEvent, type RefObject, useEffect } from 'react';

/** Gives the focus to `trigger` if it is inside `root`: a closing popover hands it back to what opened it. */
export function returnFocus(root: HTMLElement | null, trigger: HTMLElement | null): void {
  if (root?.contains(document.activeElement)) trigger?.focus();
}

/**
 * A blur handler for a popover's `root`: Tab out of it closes the popover. (A press moves the focus with no related
 * target; useDismiss judges those.)
 * @example <div ref={root} onBlur={closeOnTabOut(root, close)}>
 */
export function closeOnTabOut(root: RefObject<HTMLElement | null>, onClose: () => void) {
  return (e: FocusEvent) => {
    if (e.relatedTarget && !root.current?.contains(e.relatedTarget)) onClose();
  };
}

/**
 * While `open`, closes a popover on a press outside `root` and on Escape. `root` holds its trigger too, or a press
 * on the trigger would close the popover and its click open it again. Escape also hands the focus back to `trigger`;
 * a press outside leaves it where the user pressed.
 */
export function useDismiss(
  root: RefObject<HTMLElement | null>,
  trigger: RefObject<HTMLElement | null> | null,
  open: boolean,
  onClose: () => void,
): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      returnFocus(root.current, trigger?.current ?? null);
      onClose();
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [root, trigger, open, onClose]);
}
