import { describe, expect, it } from 'vitest';
import { customDataChips } from './custom-data-chips.ts';

describe("a run's custom data as chips", () => {
  it('shows short pairs whole, none for a run without data', () => {
    expect(customDataChips({ orderId: '42' })).toEqual({
      chips: [{ name: 'orderId', value: '42', label: 'orderId: 42', title: 'orderId: 42' }],
      rest: 0,
      restTitle: '',
    });
    expect(customDataChips({}).chips).toEqual([]);
  });

  it('cuts a long name or value with "…" and keeps the whole pair in the title', () => {
    const [chip] = customDataChips({ ['n'.repeat(30)]: 'v'.repeat(255) }).chips;
    expect(chip!.label).toBe(`${'n'.repeat(19)}…: ${'v'.repeat(23)}…`);
    expect(chip!.title).toBe(`${'n'.repeat(30)}: ${'v'.repeat(255)}`);
    expect(customDataChips({ a: 'v'.repeat(24) }).chips[0]!.label).toBe(`a: ${'v'.repeat(24)}`);
  });

  it('shows three, then counts the rest and lists them in a title', () => {
    const { chips, rest, restTitle } = customDataChips({ a: '1', b: '2', c: '3', d: '4', e: '5' });
    expect(chips.map((c) => c.label)).toEqual(['a: 1', 'b: 2', 'c: 3']);
    expect(rest).toBe(2);
    expect(restTitle).toBe('d: 4\ne: 5');
  });
});
