import { describe, expect, it } from 'vitest';
import { PEERS_AT_BASE_RATE, presenceInterval } from './presence-rate.ts';

describe('presence interval', () => {
  it('stays at the base rate up to 25 people, then grows in proportion', () => {
    expect(presenceInterval(50, 1)).toBe(50);
    expect(presenceInterval(50, PEERS_AT_BASE_RATE)).toBe(50);
    expect(presenceInterval(50, 50)).toBe(100);
    expect(presenceInterval(20, 100)).toBe(80);
  });
});
