import { describe, expect, it } from 'vitest';
import {
  changedKeys,
  countsText,
  diffByName,
  diffKind,
  notKeptNote,
  replayRows,
  replaySummary,
} from './replay-model.ts';

const result = {
  a: 'e1',
  b: 'e2',
  nodes: [
    { node: 'Trigger', status: 'same' as const, itemsA: 1, itemsB: 1, items: [] },
    { node: 'Old', status: 'only-a' as const, itemsA: 2, itemsB: 0, items: [] },
    {
      node: 'Shape',
      status: 'changed' as const,
      itemsA: 1,
      itemsB: 1,
      items: [{ output: 0, index: 0, change: 'changed' as const, a: { n: 1 }, b: { n: 2 } }],
    },
    { node: 'New', status: 'only-b' as const, itemsA: 0, itemsB: 3, items: [] },
  ],
};

describe('replay model', () => {
  it('names the compare statuses from the past run’s point of view', () => {
    expect(diffKind('only-a')).toBe('removed');
    expect(diffKind('only-b')).toBe('added');
    expect(diffKind('changed')).toBe('changed');
  });

  it('lists differences first (changed, added, removed), then unchanged nodes', () => {
    const rows = replayRows(result);
    expect(rows.map((r) => [r.node, r.kind])).toEqual([
      ['Shape', 'changed'],
      ['New', 'added'],
      ['Old', 'removed'],
      ['Trigger', 'same'],
    ]);
    expect(replaySummary(rows)).toEqual({ changed: 1, added: 1, removed: 1, same: 1 });
    expect(diffByName(rows).get('Old')).toBe('removed');
  });

  it('tolerates a malformed answer', () => {
    expect(replayRows(null)).toEqual([]);
    expect(replayRows({ a: 'x', b: 'y', nodes: [null, { node: 1 }] as never })).toEqual([]);
    expect(
      replayRows({ a: 'x', b: 'y', nodes: [{ node: 'N', status: 'same', itemsA: 0, itemsB: 0 }] as never })[0]
        .items,
    ).toEqual([]);
  });

  it('finds the top-level fields an item change touched', () => {
    expect(changedKeys({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 }, d: null })).toEqual(['b', 'd']);
    expect(changedKeys(undefined, { x: 1 })).toEqual(['x']);
  });

  it('says the real counts of items a run did not keep, and that they were not compared', () => {
    const [big, plain, added] = replayRows({
      a: 'e1',
      b: 'e2',
      nodes: [
        { node: 'Big', status: 'changed', itemsA: 2000, itemsB: 3, notKeptA: true, items: [] },
        { node: 'New', status: 'only-b', itemsA: 0, itemsB: 1500, notKeptB: true, items: [] },
        { node: 'Shape', status: 'changed', itemsA: 1, itemsB: 2, items: [] },
      ],
    });
    expect(countsText(big!)).toBe('2,000 (not kept) → 3 item(s)');
    expect(notKeptNote(big!)).toBe(
      'Items not compared: not kept in the past run, whose data was over the storage limit.',
    );
    expect(countsText(added!)).toBe('1,500 (not kept) item(s), only in the replay');
    expect(notKeptNote(added!)).toBeNull();
    expect(countsText(plain!)).toBe('1 → 2 item(s)');
    expect(notKeptNote(plain!)).toBeNull();
  });
});
