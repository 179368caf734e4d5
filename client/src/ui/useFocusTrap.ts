import { type RefObject, useEffect } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements of `root` that Tab reaches, in order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    // checkVisibility: not laid out (display: none, a closed <details>) cannot take the focus.
    (el) => el.tabIndex >= 0 && (typeof el.checkVisibility !== 'function' || el.checkVisibility()),
  );
}

/**
 * A modal dialog's focus: on open it moves into `root` (unless something in it already took it, like an autofocused
 * field), to the first field or button of `content` (the dialog's body, so not its ✕), else of `root`; Tab and
 * Shift+Tab cycle inside; on close it goes back to what had it before, so a keyboard user continues where they were.
 */
export function useFocusTrap(
  root: RefObject<HTMLElement | null>,
  content?: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!el.contains(document.activeElement)) {
      const body = content?.current;
      (tabbables(body ?? el)[0] ?? tabbables(el)[0] ?? el).focus();
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const items = tabbables(el);
      if (items.length === 0) {
        e.preventDefault();
        return;
      }
      const first = items[0];
      const last = items[items.length - 1];
      const inside = el.contains(document.activeElement);
      if (e.shiftKey && (document.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, [root, content]);
}
