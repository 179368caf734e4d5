import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useRef } from 'react';
import { Button } from './Button.tsx';
import { usePopover } from './usePopover.ts';

export type MenuItem = {
  label: string;
  onSelect: () => void;
  testId: string;
  /** Set for an on/off item (a `menuitemcheckbox`, with a check mark when on). */
  checked?: boolean;
};

const NEXT: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

const itemsOf = (menu: HTMLElement | null) => [
  ...(menu?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []),
];
type End = 'first' | 'last';
const focusEnd = (menu: HTMLElement | null, end: End) =>
  itemsOf(menu)
    .at(end === 'first' ? 0 : -1)
    ?.focus();

/**
 * A button that opens a list of actions (the ARIA menu button). The first item gets the focus when it opens (the
 * last with ArrowUp on the button); arrows, Home, End and Tab move between the items. Escape, a choice, a press
 * outside or Tab past the last item closes it; Escape and a choice give the focus back to the button.
 */
export function MenuButton({
  label,
  children,
  items,
  testId,
  triggerRef,
}: {
  /** The menu's accessible name (and the button's tooltip). */
  label: string;
  /** The button's content. */
  children: ReactNode;
  items: MenuItem[];
  /** The button's test id; the menu's is `${testId}-menu`. */
  testId: string;
  /** Receives the button, for what an item opens to give the focus back to. */
  triggerRef?: RefObject<HTMLButtonElement | null>;
}) {
  const { open, setOpen, close, closeAndFocusTrigger, popoverId, rootProps, triggerProps } =
    usePopover(triggerRef);
  const menu = useRef<HTMLDivElement>(null);
  // The item that takes the focus once the menu is there.
  const startAt = useRef<End>('first');
  useEffect(() => {
    if (open) focusEnd(menu.current, startAt.current);
  }, [open]);
  const openAt = (end: End) => {
    startAt.current = end;
    if (open) focusEnd(menu.current, end);
    else setOpen(true);
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    openAt(e.key === 'ArrowDown' ? 'first' : 'last');
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const step = NEXT[e.key];
    const all = itemsOf(menu.current);
    if (!step || all.length === 0) return;
    e.preventDefault();
    all[step(all.indexOf(document.activeElement as HTMLElement), all.length)]?.focus();
  };
  const choose = (item: MenuItem) => {
    closeAndFocusTrigger();
    item.onSelect();
  };
  return (
    <div className="relative" {...rootProps}>
      <Button
        {...triggerProps}
        size="sm"
        variant="ghost"
        aria-haspopup="menu"
        onClick={() => (open ? close() : openAt('first'))}
        onKeyDown={onButtonKey}
        title={label}
        data-testid={testId}
      >
        {children}
      </Button>
      {open && (
        <div
          ref={menu}
          id={popoverId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKey}
          className="absolute top-full right-0 z-50 mt-2 min-w-44 rounded-lg bg-white p-1 shadow-xl ring-1 ring-slate-200"
          data-testid={`${testId}-menu`}
        >
          {items.map((item) => (
            <button
              key={item.testId}
              type="button"
              role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
              aria-checked={item.checked}
              onClick={() => choose(item)}
              className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm whitespace-nowrap text-slate-700 outline-none hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500"
              data-testid={item.testId}
            >
              <span className="w-3 text-indigo-600" aria-hidden="true">
                {item.checked ? '✓' : ''}
              </span>
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
