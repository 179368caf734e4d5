import { describe, expect, it } from 'vitest';
import { initialTracker, reduceSave, type SaveEvent, saveStatus } from './save-state.ts';

const run = (events: SaveEvent[]) => events.reduce(reduceSave, initialTracker);

describe('save indicator', () => {
  it('is offline before connecting, syncing until synced, then saved', () => {
    expect(saveStatus(run([]))).toBe('offline');
    expect(saveStatus(run([{ type: 'status', connected: true }]))).toBe('syncing');
    expect(
      saveStatus(
        run([
          { type: 'status', connected: true },
          { type: 'synced', synced: true },
        ]),
      ),
    ).toBe('saved');
  });

  it('waits for the durable ack covering our last edit once the server sends acks', () => {
    const base: SaveEvent[] = [
      { type: 'status', connected: true },
      { type: 'synced', synced: true },
      { type: 'local-update', clock: 3 },
      { type: 'durable', clock: 3 },
      { type: 'local-update', clock: 5 },
    ];
    expect(saveStatus(run(base))).toBe('syncing');
    expect(saveStatus(run([...base, { type: 'durable', clock: 4 }]))).toBe('syncing');
    expect(saveStatus(run([...base, { type: 'durable', clock: 5 }]))).toBe('saved');
    // An ack that carried none of our edits changes nothing.
    expect(saveStatus(run([...base, { type: 'durable', clock: null }]))).toBe('syncing');
  });

  it('does not go backwards on late acks or lower clocks', () => {
    const s = run([
      { type: 'status', connected: true },
      { type: 'synced', synced: true },
      { type: 'local-update', clock: 5 },
      { type: 'durable', clock: 5 },
      { type: 'durable', clock: 2 },
      { type: 'local-update', clock: 4 },
    ]);
    expect(s.ackedClock).toBe(5);
    expect(s.localClock).toBe(5);
    expect(saveStatus(s)).toBe('saved');
  });

  it('goes offline on disconnect and needs a fresh sync after reconnecting', () => {
    const s = run([
      { type: 'status', connected: true },
      { type: 'synced', synced: true },
      { type: 'status', connected: false },
    ]);
    expect(saveStatus(s)).toBe('offline');
    expect(saveStatus(reduceSave(s, { type: 'status', connected: true }))).toBe('syncing');
  });

  it('reports denial for good', () => {
    const s = run([
      { type: 'status', connected: true },
      { type: 'denied' },
      { type: 'synced', synced: true },
    ]);
    expect(saveStatus(s)).toBe('denied');
  });
});
