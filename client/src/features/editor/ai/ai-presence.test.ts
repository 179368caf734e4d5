import { describe, expect, it } from 'vitest';
import { aiPeersFrom, isAiBusy } from './ai-presence.ts';

describe('aiPeersFrom', () => {
  it('finds the co-author by its flag, kind or id, reading its cursor and status', () => {
    const states = new Map<number, Record<string, unknown> | null>([
      [1, { user: { id: 'me', name: 'Me', color: '#000000' } }],
      [
        2,
        {
          user: { id: 'ai:coauthor', name: 'AI co-author', color: '#8b5cf6', ai: true },
          status: 'thinking…',
          cursor: { x: 10, y: 20 },
        },
      ],
      [3, { user: { id: 'u2', name: 'Bob', color: '#111111' }, pointer: { x: 1, y: 1 } }],
      [
        4,
        {
          user: { id: 'x', name: 'Bot', color: 'red; background: url(x)', kind: 'ai' },
          pointer: { x: 5, y: 6 },
        },
      ],
      [5, null],
      [6, { user: 'nope' }],
    ]);
    expect(aiPeersFrom(states, 1)).toEqual([
      { clientId: 2, name: 'AI co-author', color: '#8b5cf6', status: 'thinking…', cursor: { x: 10, y: 20 } },
      // A colour that is not a hex colour is replaced (it goes into a style attribute).
      { clientId: 4, name: 'Bot', color: '#8b5cf6', status: '', cursor: { x: 5, y: 6 } },
    ]);
  });
  it('ignores ourselves and bad cursors', () => {
    const states = new Map<number, Record<string, unknown>>([
      [7, { user: { id: 'ai:x', name: 'AI' }, cursor: { x: Number.NaN, y: 1 }, status: 42 }],
    ]);
    expect(aiPeersFrom(states, 7)).toEqual([]);
    expect(aiPeersFrom(states, 1)).toEqual([
      { clientId: 7, name: 'AI', color: '#8b5cf6', status: '', cursor: null },
    ]);
  });
  it('reports busy unless idle or silent', () => {
    const p = { clientId: 1, name: 'AI', color: '#fff', cursor: null };
    expect(isAiBusy([{ ...p, status: 'thinking…' }])).toBe(true);
    expect(
      isAiBusy([
        { ...p, status: 'idle' },
        { ...p, status: '' },
      ]),
    ).toBe(false);
    expect(isAiBusy([])).toBe(false);
  });
});
