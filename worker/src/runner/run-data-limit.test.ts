import type { ExecutionEvent } from '@tandem/shared/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryEventBus } from '../events/memory-event-bus.ts';
import { MemoryExecutionStore } from './memory-store.ts';
import { dropLargestItems, RunDataTooLargeError } from './run-data-limit.ts';
import { ExecutionRunner } from './runner.ts';
import { standInRunWorkflow } from './testing/stand-in-engine.ts';
import { chain, sideEffects, testNodeTypes } from './testing/test-nodes.ts';

const sizeOf = (t: unknown) => JSON.stringify(t).length;
const items = (n: number, chars: number) =>
  Array.from({ length: n }, () => ({ json: { s: 'x'.repeat(chars) } }));
const task = (n: number, chars: number) => ({
  startTime: 1,
  executionTime: 2,
  status: 'success' as const,
  data: { main: [items(n, chars), []] },
  source: [],
  inputData: { main: [items(1, 1)] },
});

describe('dropLargestItems', () => {
  it('drops the items of the largest tasks first until the rest fits, keeping counts, status and timings', () => {
    const runData = { Small: [task(1, 10)], Big: [task(3, 1000)], Mid: [task(2, 300)] };
    const out = dropLargestItems(runData, { maxChars: 1200, sizeOf });
    expect(out.Big[0]).toMatchObject({
      status: 'success',
      executionTime: 2,
      data: { main: [[], []] },
      itemsDropped: [3, 0],
      inputItemsDropped: [1],
    });
    expect(out.Big[0].inputData).toBeUndefined();
    expect(out.Mid[0]).toBe(runData.Mid[0]);
    expect(out.Small[0]).toBe(runData.Small[0]);
    expect(runData.Big[0].data.main[0]).toHaveLength(3); // the input is not changed
  });
});

describe('ExecutionRunner with a store that keeps at most so much run data', () => {
  let store: MemoryExecutionStore;
  let events: MemoryEventBus;
  let seen: ExecutionEvent[];
  const signal = new AbortController().signal;
  const run = (id: string) =>
    new ExecutionRunner({ store, events, runWorkflow: standInRunWorkflow, nodeTypes: testNodeTypes }).handle({
      executionId: id,
      attempt: 1,
      signal,
    });

  beforeEach(async () => {
    store = new MemoryExecutionStore();
    store.runDataLimit = { maxChars: 2000, sizeOf };
    events = new MemoryEventBus();
    seen = [];
    await events.subscribeWorkflow('w', (e) => e.type === 'execution.finished' && seen.push(e));
    for (const k of Object.keys(sideEffects)) delete sideEffects[k];
  });

  it('stops before the next node once the data is over, and fails once with the items dropped', async () => {
    store.insert(
      { id: 'a', workflowId: 'w', input: { triggerItems: items(3, 1000) } },
      chain(['pass', 'pass']),
    );
    await run('a');
    const r = (await store.get('a'))!;
    expect(r.status).toBe('failed');
    expect(r.error).toEqual({ name: 'RunDataTooLargeError', message: expect.stringContaining('MB') });
    expect(r.runData!.N1[0]).toMatchObject({ status: 'success', itemsDropped: [3] });
    expect(sideEffects).toEqual({ N1: 1 }); // N2 did not run
    expect(seen).toEqual([
      expect.objectContaining({
        executionId: 'a',
        status: 'failed',
        error: expect.objectContaining({ name: 'RunDataTooLargeError' }),
      }),
    ]);
  });

  it('a final state the store refuses as too large after all is written failed, every node’s items dropped', async () => {
    store.insert(
      { id: 'b', workflowId: 'w', input: { triggerItems: items(1, 10) } },
      chain(['pass', 'pass']),
    );
    const finish = store.finish.bind(store);
    let calls = 0;
    store.finish = async (id, state) => {
      if (++calls === 1) throw new RunDataTooLargeError(17 * 2 ** 20, 16 * 2 ** 20);
      return finish(id, state);
    };
    await run('b'); // does not throw: nothing to retry
    const r = (await store.get('b'))!;
    expect(r.status).toBe('failed');
    expect(r.error!.message).toMatch(/^The run's data is 17 MB, more than the 16 MB that can be stored/);
    expect(r.runData!.N2[0]).toMatchObject({ status: 'success', data: { main: [[]] }, itemsDropped: [1] });
    expect(seen).toHaveLength(1);
  });
});
