import { type ErrorWorkflowItem, runWorkflow } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryEventBus } from '../events/memory-event-bus.ts';
import { MemoryExecutionQueue } from '../queue/memory-queue.ts';
import { waitFor } from '../queue/testing/redis.ts';
import { type ExecutionWorker, startExecutionWorker } from './execution-worker.ts';
import { MemoryExecutionStore } from './memory-store.ts';
import { ExecutionRunner } from './runner.ts';
import type { ExecutionRecord } from './store.ts';
import { chain, testNodeTypes } from './testing/test-nodes.ts';

// Every way a run ends `failed` starts the workflow's error workflow and calls the failure watcher (onFailed), once;
// a cancel by a person does neither.
describe('the error workflow and failure watcher of a failed execution', () => {
  let store: MemoryExecutionStore;
  let runner: ExecutionRunner;
  let worker: ExecutionWorker | undefined;
  let started: [string, string, ErrorWorkflowItem][];
  /** What onFailed was called with: execution id and the failure's message. */
  let watched: [string, string | undefined][];
  const signal = new AbortController().signal;
  const onError = (steps: Parameters<typeof chain>[0], settings = {}): WorkflowJson =>
    chain(steps, { errorWorkflow: 'on-error', ...settings });
  const insert = (id: string, workflow: WorkflowJson, extra: Partial<ExecutionRecord> = {}) =>
    store.insert({ id, workflowId: 'w', mode: 'api', ...extra }, workflow);
  const run = (id: string) => runner.handle({ executionId: id, attempt: 1, signal });

  beforeEach(() => {
    store = new MemoryExecutionStore();
    started = [];
    watched = [];
    runner = new ExecutionRunner({
      store,
      events: new MemoryEventBus(),
      runWorkflow,
      nodeTypes: testNodeTypes,
      runErrorWorkflow: (record, errorWorkflowId, item) =>
        void started.push([record.id, errorWorkflowId, item]),
      onFailed: (record, _workflow, result) => void watched.push([record.id, result.error?.message]),
    });
  });
  afterEach(async () => {
    await worker?.stop(200);
    worker = undefined;
  });

  it('a node that throws', async () => {
    insert('f', onError(['pass', 'fail', 'pass']));
    await run('f');
    expect(started).toEqual([
      [
        'f',
        'on-error',
        {
          execution: {
            id: 'f',
            error: expect.objectContaining({ message: 'node exploded', node: 'N2' }),
            lastNodeExecuted: 'N2',
            mode: 'api',
          },
          workflow: { id: 'w', name: 'test' },
        },
      ],
    ]);
    await waitFor(() => watched.length > 0);
    expect(watched).toEqual([['f', 'node exploded']]);
  });

  it('a timeout of the whole run', async () => {
    insert('t', onError(['pass', { type: 'slow', parameters: { ms: 5000 } }], { executionTimeout: 0.2 }));
    await run('t');
    expect(started).toEqual([['t', 'on-error', expect.anything()]]);
    expect(started[0]![2].execution.error.name).toBe('TimeoutError');
  });

  it('run data too large to store', async () => {
    store.runDataLimit = { maxChars: 2000, sizeOf: (t) => JSON.stringify(t).length };
    const big = Array.from({ length: 3 }, () => ({ json: { s: 'x'.repeat(1000) } }));
    insert('big', onError(['pass', 'pass']), { input: { triggerItems: big } });
    await run('big');
    expect((await store.get('big'))!.status).toBe('failed');
    expect(started).toEqual([['big', 'on-error', expect.anything()]]);
    expect(started[0]![2].execution.error.name).toBe('RunDataTooLargeError');
  });

  it('a final failure after retries (failFinally), once however often it is called', async () => {
    insert('q', onError(['pass']));
    await runner.failFinally('q', new Error('attempts exhausted'));
    await runner.failFinally('q', new Error('attempts exhausted'));
    expect((await store.get('q'))!.status).toBe('failed');
    expect(started).toEqual([['q', 'on-error', expect.anything()]]);
    await waitFor(() => watched.length > 0);
    expect(watched).toEqual([['q', expect.stringContaining('could not be run')]]);
  });

  it('a run the reaper gives up on (its worker stopped responding)', async () => {
    insert('dead', onError(['pass']), { createdAt: Date.now() - 7_200_000 });
    await store.markRunning('dead', Date.now() - 7_200_000);
    worker = await startExecutionWorker({
      queue: new MemoryExecutionQueue(),
      events: new MemoryEventBus(),
      store,
      runner,
      maintenance: { reapEveryMs: 20 },
    });
    await waitFor(() => started.length > 0);
    expect((await store.get('dead'))!.error).toMatchObject({ name: 'OrphanedExecution' });
    expect(started).toEqual([['dead', 'on-error', expect.anything()]]);
    await waitFor(() => watched.length > 0);
    expect(watched).toEqual([['dead', 'The worker running this execution stopped responding']]);
  });

  it('not a cancel by a person, nor an editor run', async () => {
    insert('c', onError(['pass', { type: 'slow', parameters: { ms: 5000 } }]));
    const running = run('c');
    await waitFor(() => runner.activeIds.includes('c'));
    runner.abort('c');
    await running;
    expect((await store.get('c'))!.status).toBe('canceled');
    insert('m', onError(['fail']), { mode: 'manual' });
    await run('m');
    expect((await store.get('m'))!.status).toBe('failed');
    expect(started).toEqual([]);
    // The watcher hears of the editor run (it skips those itself, api/src/ai.ts), not of the cancel.
    await waitFor(() => watched.length > 0);
    expect(watched).toEqual([['m', 'node exploded']]);
  });
});
