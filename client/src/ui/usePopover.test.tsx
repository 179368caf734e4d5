// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, click, pointerDown, pressKey, render } from '../features/editor/panel/test-render.tsx';
import { usePopover } from './usePopover.ts';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function Popover() {
  const p = usePopover();
  return (
    <div {...p.rootProps}>
      <button type="button" {...p.triggerProps} data-testid="trigger">
        Open
      </button>
      {p.open && (
        <div id={p.popoverId} data-testid="popover">
          <button type="button" data-testid="inside">
            Inside
          </button>
          <button type="button" onClick={p.closeAndFocusTrigger} data-testid="choose">
            Choose
          </button>
        </div>
      )}
    </div>
  );
}

function mount() {
  const r = render(
    <>
      <Popover />
      <button type="button" data-testid="outside">
        Outside
      </button>
    </>,
  );
  cleanup = r.unmount;
  return {
    trigger: byTestId(r.container, 'trigger'),
    outside: byTestId(r.container, 'outside'),
    popover: () => r.container.querySelector<HTMLElement>('[data-testid="popover"]'),
    inside: () => byTestId(r.container, 'inside'),
    choose: () => byTestId(r.container, 'choose'),
  };
}

describe('usePopover', () => {
  it('toggles on the trigger, which says whether it is open and which element it controls', () => {
    const { trigger, popover } = mount();
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(trigger.hasAttribute('aria-controls')).toBe(false);
    click(trigger);
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(popover()?.id).toBeTruthy();
    expect(trigger.getAttribute('aria-controls')).toBe(popover()?.id);
    click(trigger);
    expect(popover()).toBeNull();
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on Escape and gives the focus back to the trigger', () => {
    const { trigger, popover, inside } = mount();
    click(trigger);
    act(() => inside().focus());
    pressKey('Escape');
    expect(popover()).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('closes on a press outside, leaving the focus where the user pressed', () => {
    const { trigger, popover, outside } = mount();
    click(trigger);
    pointerDown(outside);
    act(() => outside.focus());
    expect(popover()).toBeNull();
    expect(document.activeElement).toBe(outside);
  });

  it('stays open on a press inside it or on its trigger', () => {
    const { trigger, popover, inside } = mount();
    click(trigger);
    pointerDown(inside());
    act(() => inside().focus());
    expect(popover()).not.toBeNull();
  });

  it('closes when the focus is tabbed away from it, not while it moves within', () => {
    const { trigger, popover, inside, outside } = mount();
    click(trigger);
    act(() => trigger.focus());
    act(() => inside().focus());
    expect(popover()).not.toBeNull();
    act(() => outside.focus());
    expect(popover()).toBeNull();
  });

  it('closeAndFocusTrigger: a choice closes it and gives the focus back to the trigger', () => {
    const { trigger, popover, choose } = mount();
    click(trigger);
    act(() => choose().focus());
    click(choose());
    expect(popover()).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });
});
