import type { TaskData } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../queue/testing/redis.ts';
import { CheckpointBuffer } from './checkpoint-buffer.ts';
import { MemoryExecutionStore } from './memory-store.ts';

const task: TaskData = {
  startTime: 1,
  executionTime: 1,
  status: 'success',
  data: { main: [[{ json: {} }]] },
  source: [],
};

describe('CheckpointBuffer', () => {
  it('delay 0: add resolves once the checkpoint is stored', async () => {
    const store = new MemoryExecutionStore();
    store.insert({ id: 'a', workflowId: 'w' });
    await new CheckpointBuffer(store, 'a', 0, () => {}).add('N1', 0, task);
    expect(Object.keys(await store.loadCheckpoints('a'))).toEqual(['N1']);
  });

  it('delay > 0: writes behind in one go; discard drops what is unwritten', async () => {
    const store = new MemoryExecutionStore();
    store.insert({ id: 'b', workflowId: 'w' });
    store.insert({ id: 'c', workflowId: 'w' });
    const b = new CheckpointBuffer(store, 'b', 40, () => {});
    await b.add('N1', 0, task);
    await b.add('N2', 0, task);
    expect(await store.loadCheckpoints('b')).toEqual({});
    await waitFor(async () => Object.keys(await store.loadCheckpoints('b')).length === 2, 1000);
    const c = new CheckpointBuffer(store, 'c', 40, () => {});
    await c.add('N1', 0, task);
    await c.discard();
    await new Promise((r) => setTimeout(r, 80));
    expect(await store.loadCheckpoints('c')).toEqual({});
  });

  it('a failing store is reported, not thrown into the engine', async () => {
    const store = new MemoryExecutionStore();
    store.saveCheckpoint = async () => {
      throw new Error('disk full');
    };
    const errors: unknown[] = [];
    await new CheckpointBuffer(store, 'd', 0, (e) => errors.push(e)).add('N1', 0, task);
    expect(errors).toHaveLength(1);
  });

  it('after mark-running: waits for it, or with a store writing in order is queued behind it at once', async () => {
    for (const inOrder of [false, true]) {
      const store = Object.assign(new MemoryExecutionStore(), { writesInOrder: inOrder });
      store.insert({ id: 'e', workflowId: 'w' });
      let markRunningDone!: (ok: boolean) => void;
      const after = new Promise<boolean>((r) => (markRunningDone = r));
      let starts = 0;
      const start = () => {
        starts++;
        return after;
      };
      const buffer = new CheckpointBuffer(store, 'e', 0, () => {}, start);
      buffer.keep('N0', 0, task);
      expect(starts).toBe(0); // nothing written yet: the run need not be marked running
      void buffer.add('N1', 0, task);
      expect(starts).toBe(1);
      await new Promise((r) => setTimeout(r, 20));
      expect(Object.keys(await store.loadCheckpoints('e'))).toEqual(inOrder ? ['N0', 'N1'] : []);
      markRunningDone(false); // lost: nothing is issued from now on
      await buffer.add('N2', 0, task);
      expect(Object.keys(await store.loadCheckpoints('e'))).toEqual(inOrder ? ['N0', 'N1'] : []);
      expect(starts).toBe(1);
    }
  });
});
