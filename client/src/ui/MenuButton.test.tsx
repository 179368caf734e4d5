// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, click, render } from '../features/editor/panel/test-render.tsx';
import { MenuButton } from './MenuButton.tsx';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const press = (key: string) =>
  act(() => {
    (document.activeElement ?? document.body).dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true }),
    );
  });

function mount() {
  const chosen: string[] = [];
  const r = render(
    <MenuButton
      label="More actions"
      testId="more"
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
    press('ArrowDown');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-b'));
    press('End');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-c'));
    press('ArrowDown');
    expect(document.activeElement).toBe(a);
    press('ArrowUp');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-c'));
    press('Escape');
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('opens from the keyboard at either end, runs the chosen item and closes', () => {
    const { r, chosen, menu, button } = mount();
    button.focus();
    press('ArrowUp');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-c'));
    click(byTestId(r.container, 'more-b'));
    expect(chosen).toEqual(['b']);
    expect(menu()).toBeNull();
    press('ArrowDown');
    expect(document.activeElement).toBe(byTestId(r.container, 'more-a'));
  });

  it('closes on a press outside', () => {
    const { menu, button } = mount();
    click(button);
    act(() => {
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
    expect(menu()).toBeNull();
  });
});
