import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Button } from './Button.tsx';
import { closeOnTabOut, returnFocus, useDismiss } from './useDismiss.ts';

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

/**
 * A button that opens a list of actions (the ARIA menu button). The first item gets the focus when it opens (the
 * last with ArrowUp on the button); arrows, Home, End and Tab move between the items. Escape, a choice or a press
 * outside closes it; Escape and a choice give the focus back to the button.
 */
export function MenuButton({
  label,
  children,
  items,
  testId,
}: {
  /** The menu's accessible name (and the button's tooltip). */
  label: string;
  /** The button's content. */
  children: ReactNode;
  items: MenuItem[];
  /** The button's test id; the menu's is `${testId}-menu`. */
  testId: string;
}) {
  const [openAt, setOpenAt] = useState<'first' | 'last' | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const open = openAt !== null;
  const close = useCallback(() => setOpenAt(null), []);
  useDismiss(root, button, open, close);

  useEffect(() => {
    if (openAt)
      itemsOf(menu.current)
        .at(openAt === 'first' ? 0 : -1)
        ?.focus();
  }, [openAt]);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    setOpenAt(e.key === 'ArrowDown' ? 'first' : 'last');
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const step = NEXT[e.key];
    const all = itemsOf(menu.current);
    if (!step || all.length === 0) return;
    e.preventDefault();
    all[step(all.indexOf(document.activeElement as HTMLElement), all.length)]?.focus();
  };
  const choose = (item: MenuItem) => {
    returnFocus(root.current, button.current);
    close();
    item.onSelect();
  };
  return (
    // Tab past the last item leaves the menu: close it.
    <div className="relative" ref={root} onBlur={closeOnTabOut(root, close)}>
      <Button
        ref={button}
        size="sm"
        variant="ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpenAt(open ? null : 'first')}
        onKeyDown={onButtonKey}
        title={label}
        data-testid={testId}
      >
        {children}
      </Button>
      {open && (
        <div
          ref={menu}
          id={menuId}
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
