import { runWorkflow } from '@tandem/shared/engine';
import type { ExecutionEvent } from '@tandem/shared/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryEventBus } from '../events/memory-event-bus.ts';
import { waitFor } from '../queue/testing/redis.ts';
import { MemoryExecutionStore } from './memory-store.ts';
import { ExecutionRunner } from './runner.ts';
import { chain, testNodeTypes } from './testing/test-nodes.ts';

// With the real engine: the live end of a run names a node only when a node threw the error, as the stored one does.
describe('execution.finished names the node of the error as the stored error does', () => {
  let store: MemoryExecutionStore;
  let runner: ExecutionRunner;
  let finished: ExecutionEvent[];
  const signal = new AbortController().signal;

  beforeEach(async () => {
    store = new MemoryExecutionStore();
    const events = new MemoryEventBus();
    runner = new ExecutionRunner({ store, events, runWorkflow, nodeTypes: testNodeTypes });
    finished = [];
    await events.subscribeWorkflow('w', (e) => e.type === 'execution.finished' && finished.push(e));
  });

  const endOf = async (id: string) => {
    const stored = (await store.get(id))!.error!;
    const event = finished.find((e) => e.executionId === id) as Extract<
      ExecutionEvent,
      { type: 'execution.finished' }
    >;
    return { stored, event: event.error! };
  };

  it('a timeout of the whole run: no node', async () => {
    store.insert(
      { id: 't', workflowId: 'w' },
      chain(['pass', { type: 'slow', parameters: { ms: 5000 } }], {
        executionTimeout: 0.2,
      }),
    );
    await runner.handle({ executionId: 't', attempt: 1, signal });
    const { stored, event } = await endOf('t');
    expect(stored).toMatchObject({ name: 'TimeoutError' });
    expect(stored.node).toBeUndefined();
    expect(event).toEqual({ name: 'TimeoutError', message: stored.message });
  });

  it('a cancel: no node', async () => {
    store.insert({ id: 'c', workflowId: 'w' }, chain(['pass', { type: 'slow', parameters: { ms: 5000 } }]));
    const running = runner.handle({ executionId: 'c', attempt: 1, signal });
    await waitFor(() => runner.activeIds.includes('c'));
    await new Promise((r) => setTimeout(r, 50));
    runner.abort('c');
    await running;
    const { stored, event } = await endOf('c');
    expect(stored.node).toBeUndefined();
    expect(event).toEqual({ name: stored.name, message: stored.message });
  });

  it('a node that throws: that node', async () => {
    store.insert({ id: 'f', workflowId: 'w' }, chain(['pass', 'fail', 'pass']));
    await runner.handle({ executionId: 'f', attempt: 1, signal });
    const { stored, event } = await endOf('f');
    expect(stored.node).toBe('N2');
    expect(event).toEqual({ name: stored.name, message: 'node exploded', node: 'N2' });
  });
});
