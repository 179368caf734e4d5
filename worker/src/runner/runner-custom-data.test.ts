import { type NodeTypeRegistry, runWorkflow } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { MemoryEventBus } from '../events/memory-event-bus.ts';
import { executionDataNode } from '../nodes/execution-data.ts';
import { MemoryExecutionStore } from './memory-store.ts';
import { ExecutionRunner } from './runner.ts';
import { chain, testNodeTypes } from './testing/test-nodes.ts';

const nodeTypes: NodeTypeRegistry = {
  ...testNodeTypes,
  get: (t, v) => (t === 'executionData' ? executionDataNode : testNodeTypes.get(t, v)),
};
const save = (key: string, value: string) =>
  ({ type: 'executionData', parameters: { dataToSave: { values: [{ key, value }] } } }) as never;

// With the real engine and the Execution Data node: what a run saved survives its worker stopping mid-run.
describe('custom data of a run resumed after its worker stopped', () => {
  it('is stored with the checkpoint of the node that set it and given back to the resumed run', async () => {
    const store = new MemoryExecutionStore();
    const runner = new ExecutionRunner({ store, events: new MemoryEventBus(), runWorkflow, nodeTypes });
    store.insert(
      { id: 'c', workflowId: 'w' },
      chain([
        'pass',
        save('orderId', '42'),
        { type: 'slow', parameters: { ms: 10_000 } },
        save('seen', '={{ $execution.customData.orderId }}'),
      ]),
    );
    const stop = new AbortController();
    const first = runner.handle({ executionId: 'c', attempt: 1, signal: stop.signal });
    await expect.poll(() => store.customData.get('c')).toEqual({ orderId: '42' });
    stop.abort(); // the worker stops during the slow node: the run is handed back, not finished
    await expect(first).rejects.toThrow(/shutting down/);
    expect((await store.get('c'))!.status).toBe('running');

    // Another delivery resumes after the committed nodes (not run again: no 'run again'), with the custom data they set.
    const slowSkipped = chain([
      'pass',
      save('orderId', 'run again'),
      'pass',
      save('seen', '={{ $execution.customData.orderId }}'),
    ]);
    store.workflows.set('c', slowSkipped);
    await runner.handle({ executionId: 'c', attempt: 2, signal: new AbortController().signal });
    expect((await store.get('c'))!.status).toBe('succeeded');
    expect(await store.loadCustomData('c')).toEqual({ orderId: '42', seen: '42' });
  });

  it('a run without custom data stores none', async () => {
    const store = new MemoryExecutionStore();
    const runner = new ExecutionRunner({ store, events: new MemoryEventBus(), runWorkflow, nodeTypes });
    store.insert({ id: 'p', workflowId: 'w' }, chain(['pass', 'pass']));
    const finish = store.finish.bind(store);
    const states: unknown[] = [];
    store.finish = async (id, state) => {
      states.push(state);
      return finish(id, state);
    };
    await runner.handle({ executionId: 'p', attempt: 1, signal: new AbortController().signal });
    expect(states).toHaveLength(1);
    expect(states[0]).not.toHaveProperty('customData');
    expect(store.customData.has('p')).toBe(false);
  });
});
