import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

/** Minimal DOM render helper for component tests (happy-dom + React's act). */
export function render(ui: ReactNode): {
  container: HTMLElement;
  rerender: (ui: ReactNode) => void;
  unmount: () => void;
} {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root;
  act(() => {
    root = createRoot(container);
    root.render(ui);
  });
  return {
    container,
    rerender: (next) => act(() => root.render(next)),
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** Sets an input/textarea/select value the way React notices, then fires input+change. */
export function changeValue(el: Element, value: string): void {
  const proto =
    el instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : el instanceof HTMLSelectElement
        ? HTMLSelectElement.prototype
        : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Clicks an element inside act. */
export function click(el: Element | null): void {
  if (!el) throw new Error('nothing to click');
  act(() => {
    (el as HTMLElement).click();
  });
}

/** Presses `key` on the focused element (the body if none) inside act. */
export function pressKey(key: string): void {
  act(() => {
    (document.activeElement ?? document.body).dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true }),
    );
  });
}

/** A pointer press on `el` inside act, as a popover's press-outside check sees it. */
export function pointerDown(el: Element): void {
  act(() => {
    el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  });
}

/** Query by data-testid, throwing when absent. */
export function byTestId(root: ParentNode, id: string): HTMLElement {
  const el = root.querySelector(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el as HTMLElement;
}
