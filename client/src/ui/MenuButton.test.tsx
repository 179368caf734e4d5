// @vitest-environment happy-dom
import { createRef, type RefObject } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, click, pointerDown, pressKey, render } from '../features/editor/panel/test-render.tsx';
import { MenuButton } from './MenuButton.tsx';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function mount(triggerRef?: RefObject<HTMLButtonElement | null>) {
  const chosen: string[] = [];
  const r = render(
    <MenuButton
      label="More actions"
      testId="more"
      triggerRef={triggerRef}
      items={[
        { label: 'Suggest mode', testId: 'more-a', checked: true, onSelect: () => chosen.push('a') },
        { label: 'History', testId: 'more-b', onSelect: () => chosen.push('b') },
        { label: 'Publish', testId: 'more-c', onSelect: () => chosen.push('c') },
      ]}
    >
      More
    </MenuButton>,
  );
  cleanup = r.unmount;
  const menu = () => r.container.querySelector('[data-testid="more-menu"]');
  return { r, chosen, menu, button: byTestId(r.container, 'more') };
}

describe('MenuButton', () => {
  it('is a menu button: expanded state, focus on the first item, arrows wrap around, Escape gives the focus back', () => {
    const { r, menu, button } = mount();
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu()?.getAttribute('role')).toBe('menu');
    const a = byTestId(r.container, 'more-a');
    expect(a.getAttribute('role')).toBe('menuitemcheckbox');
    expect(a.getAttribute('aria-checked')).toBe('true');
    expect(byTestId(r.container, 'more-b').getAttribute('role')).toBe('menuitem');
    expect(document.activeElement).toBe(a);
    pressKey('ArrowDown');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-b'));
    pressKey('End');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-c'));
    pressKey('ArrowDown');
    expect(document.activeElement).toBe(a);
    pressKey('ArrowUp');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-c'));
    pressKey('Escape');
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('opens from the keyboard at either end, runs the chosen item and closes', () => {
    const { r, chosen, menu, button } = mount();
    button.focus();
    pressKey('ArrowUp');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-c'));
    click(byTestId(r.container, 'more-b'));
    expect(chosen).toEqual(['b']);
    expect(menu()).toBeNull();
    pressKey('ArrowDown');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-a'));
  });

  it('shares its button through triggerRef, and a choice still gives the focus back to it', () => {
    const ref = createRef<HTMLButtonElement>();
    const { r, button } = mount(ref);
    expect(ref.current).toBe(button);
    click(button);
    click(byTestId(r.container, 'more-b'));
    expect(document.activeElement).toBe(button);
  });

  it('closes on a press outside', () => {
    const { menu, button } = mount();
    click(button);
    pointerDown(document.body);
    expect(menu()).toBeNull();
  });
});
