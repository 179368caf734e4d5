import { describe, expect, it } from 'vitest';
import { nestedDeeperThan } from './json-depth.ts';

describe('nestedDeeperThan', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(nestedDeeperThan(1, 0)).toBe(false);
    expect(nestedDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestedDeeperThan({ a: [{}] }, 2)).toBe(true);
    expect(nestedDeeperThan({ a: [{}] }, 3)).toBe(false);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(nestedDeeperThan(deep, 128)).toBe(true);
  });
});
