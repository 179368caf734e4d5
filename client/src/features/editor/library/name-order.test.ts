import { describe, expect, it } from 'vitest';
import { compareNames } from './name-order.ts';

const sign = (n: number) => Math.sign(n);

describe('compareNames', () => {
  it('orders like localeCompare for printable ASCII', () => {
    const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = () => {
      const pool = rand(3) === 0 ? chars : 'aAbB -(0';
      return Array.from({ length: rand(6) }, () => pool[rand(pool.length)]).join('');
    };
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      const b = rand(4) === 0 ? a.toUpperCase() : word();
      expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, sign(a.localeCompare(b))]);
    }
  });

  it('sorts the node catalogue names as localeCompare does', () => {
    const names = [
      'Loop Over Items (Split in Batches)',
      'Edit Fields (Set)',
      'Date & Time',
      'No Operation, do nothing',
      'HTTP Request',
      'HTML',
      'If',
      'Item Lists (legacy)',
      'iCal',
      'MySQL',
      'Merge',
      'AI Agent',
      'Aggregate',
    ];
    expect([...names].sort(compareNames)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('falls back to the collator beyond ASCII', () => {
    for (const [a, b] of [
      ['Édition', 'Edition'],
      ['Zoë', 'Zoe'],
      ['a\tb', 'ab'],
      ['über', 'uber'],
    ])
      expect(sign(compareNames(a, b))).toBe(sign(a.localeCompare(b)));
  });
});
