import { describe, expect, it } from 'vitest';
import { lighten, peersFrom } from './awareness-state.ts';

const user = { id: 'u2', name: 'Bob', color: '#0284c7', colorLight: '#0284c733' };

describe('peersFrom', () => {
  it('lists other clients with their pointer, selection and edited node', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { ...user, id: 'me', name: 'Me' }, pointer: { x: 1, y: 2 } }],
      [2, { user, pointer: { x: 10, y: 20 }, selection: ['n1', 'n2'], editing: 'n1' }],
    ]);
    expect(peersFrom(states, 1)).toEqual([
      { clientId: 2, user, pointer: { x: 10, y: 20 }, selection: ['n1', 'n2'], editing: 'n1' },
    ]);
  });

  it('drops malformed states and sanitises fields', () => {
    const states = new Map<number, Record<string, unknown>>([
      [2, { user: { name: 5 } }],
      [3, {}],
      [4, { user, pointer: { x: 'a', y: 1 }, selection: ['n1', 7, null], editing: 12 }],
      [5, { user, pointer: { x: Number.NaN, y: 1 }, selection: 'n1' }],
    ]);
    const peers = peersFrom(states, 1);
    expect(peers.map((p) => p.clientId)).toEqual([4, 5]);
    expect(peers[0]).toMatchObject({ pointer: null, selection: ['n1'], editing: null });
    expect(peers[1]).toMatchObject({ pointer: null, selection: [] });
  });

  it('caps huge selections', () => {
    const states = new Map<number, Record<string, unknown>>([
      [2, { user, selection: Array.from({ length: 5000 }, (_, i) => `n${i}`) }],
    ]);
    expect(peersFrom(states, 1)[0].selection).toHaveLength(500);
  });

  it('lightens hex colours and leaves others alone', () => {
    expect(lighten('#112233', 0.2)).toBe('#11223333');
    expect(lighten('red')).toBe('red');
  });
});
