// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Peer } from '../collab/awareness-state.ts';
import { render } from '../panel/test-render.tsx';
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
  return { shown, more: r.container.querySelector('[data-testid="presence-more"]') };
}

describe('PresenceAvatars', () => {
  const five = ['Bob', 'Cy', 'Dee', 'Eve', 'Fay'].map((n, i) => peer(i + 1, n));

  it('shows up to `max` others, then a "+N" that names the rest for the pointer and for screen readers', () => {
    const { shown, more } = mount(five, 3);
    expect(shown).toEqual(['Bob', 'Cy', 'Dee']);
    expect(more?.textContent).toBe('+2');
    expect(more?.getAttribute('title')).toBe('Eve, Fay');
    expect(more?.getAttribute('role')).toBe('img');
    expect(more?.getAttribute('aria-label')).toBe('2 more: Eve, Fay');
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
