import { describe, expect, it } from 'vitest';
import { newId, newTimeId } from './ids.ts';

describe('newId', () => {
  it('draws ids of the 62-character alphabet, of the asked length', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId()));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(newId(40)).toMatch(/^[0-9A-Za-z]{40}$/);
  });
});

describe('newTimeId', () => {
  it('is 8 time characters then random ones, and sorts by time in byte order', () => {
    const id = newTimeId();
    expect(id).toMatch(/^[0-9A-Za-z]{24}$/);
    const times = [0, 1, 61, 62, 1_700_000_000_000, 1_700_000_000_001, 1_764_000_000_000, 62 ** 8 - 1];
    const ids = times.map((t) => newTimeId(16, t));
    expect([...ids].sort()).toEqual(ids);
    expect(newTimeId(4, 0)).toMatch(/^0{8}[0-9A-Za-z]{4}$/);
    expect(newTimeId(0, 62)).toBe('00000010');
  });

  it('keeps ids made in the same millisecond distinct', () => {
    const at = Date.now();
    expect(new Set(Array.from({ length: 1000 }, () => newTimeId(16, at))).size).toBe(1000);
  });
});
