// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Peer } from '../collab/awareness-state.ts';
import { click, pointerDown, pressKey, render } from '../panel/test-render.tsx';
import { PresenceAvatars } from './PresenceAvatars.tsx';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const peer = (clientId: number, name: string): Peer => ({
  clientId,
  user: { id: name.toLowerCase(), name, color: '#4f46e5', colorLight: '#4f46e533' },
  pointer: null,
  selection: [],
  editing: null,
});

const self = { id: 'ada', name: 'Ada', color: '#e11d48' };

function mount(peers: Peer[], max: number) {
  const r = render(<PresenceAvatars self={self} peers={peers} max={max} />);
  cleanup = r.unmount;
  const shown = [...r.container.querySelectorAll('[data-testid="presence-avatar"]')].map((e) =>
    e.getAttribute('data-user-name'),
  );
  const list = () => r.container.querySelector('[data-testid="presence-more-list"]');
  return { shown, more: r.container.querySelector<HTMLElement>('[data-testid="presence-more"]'), list };
}

describe('PresenceAvatars', () => {
  const five = ['Bob', 'Cy', 'Dee', 'Eve', 'Fay'].map((n, i) => peer(i + 1, n));

  it('shows up to `max` others, then a "+N" button that names the rest for the pointer and for screen readers', () => {
    const { shown, more } = mount(five, 3);
    expect(shown).toEqual(['Bob', 'Cy', 'Dee']);
    expect(more?.textContent).toBe('+2');
    expect(more?.title).toBe('Eve, Fay');
    expect(more?.tagName).toBe('BUTTON');
    expect(more?.getAttribute('aria-label')).toBe('2 more: Eve, Fay');
  });

  it('"+N" opens the list of the rest; Escape closes it and gives the focus back; a press outside or Tab away closes it', () => {
    const { more, list } = mount(five, 3);
    expect(more?.getAttribute('aria-expanded')).toBe('false');
    more?.focus();
    click(more);
    expect(more?.getAttribute('aria-expanded')).toBe('true');
    expect(more?.getAttribute('aria-controls')).toBe(list()?.id);
    const people = [...(list()?.querySelectorAll('[data-testid="presence-more-person"]') ?? [])];
    expect(people.map((p) => p.getAttribute('data-user-name'))).toEqual(['Eve', 'Fay']);
    // Each with its avatar (hidden from screen readers, which read the name once).
    expect(people.map((p) => p.querySelector('[aria-hidden="true"]')?.textContent)).toEqual(['E', 'F']);
    pressKey('Escape');
    expect(list()).toBeNull();
    expect(more?.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(more);

    click(more);
    pointerDown(document.body);
    expect(list()).toBeNull();

    // Tab on to whatever follows closes it too.
    const after = document.body.appendChild(document.createElement('button'));
    click(more);
    act(() => after.focus());
    expect(list()).toBeNull();
    after.remove();
  });

  it('has no "+N" when everyone fits', () => {
    const { shown, more } = mount(five, 6);
    expect(shown).toHaveLength(5);
    expect(more).toBeNull();
  });

  it('counts a person with several tabs once', () => {
    const { shown, more } = mount([...five, peer(9, 'Bob')], 4);
    expect(shown).toEqual(['Bob', 'Cy', 'Dee', 'Eve']);
    expect(more?.getAttribute('aria-label')).toBe('1 more: Fay');
  });
});
