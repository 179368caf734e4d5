import type { ExecutionChannelMessage, ExecutionEvent, WorkflowJson } from '@tandem/shared/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryEventBus } from '../events/memory-event-bus.ts';
import { MemoryExecutionQueue } from '../queue/memory-queue.ts';
import { waitFor } from '../queue/testing/redis.ts';
import { cancelExecution } from './cancel.ts';
import { type ExecutionWorker, startExecutionWorker } from './execution-worker.ts';
import { reapOrphans } from './maintenance.ts';
import { MemoryExecutionStore } from './memory-store.ts';
import { ExecutionRunner } from './runner.ts';
import type { ExecutionRecord } from './store.ts';
import { standInRunWorkflow } from './testing/stand-in-engine.ts';
import { chain, gates, sideEffects, testNodeTypes } from './testing/test-nodes.ts';

let store: MemoryExecutionStore;
let events: MemoryEventBus;
let queue: MemoryExecutionQueue;
let runner: ExecutionRunner;
let worker: ExecutionWorker | undefined;
let seen: ExecutionEvent[];
let n = 0;

const makeRunner = () =>
  new ExecutionRunner({ store, events, runWorkflow: standInRunWorkflow, nodeTypes: testNodeTypes });

beforeEach(async () => {
  store = new MemoryExecutionStore();
  events = new MemoryEventBus();
  queue = new MemoryExecutionQueue({ backoffMs: 10 });
  runner = makeRunner();
  seen = [];
  await events.subscribeWorkflow('w', (e) => seen.push(e));
  for (const k of Object.keys(sideEffects)) delete sideEffects[k];
  gates.clear();
});
afterEach(async () => {
  await worker?.stop(200);
  worker = undefined;
});

async function submit(workflow: WorkflowJson, extra: Partial<ExecutionRecord> = {}): Promise<string> {
  const id = `x${++n}`;
  store.insert({ id, workflowId: 'w', ...extra }, workflow);
  await queue.enqueue(id);
  return id;
}
const start = async () => {
  worker = await startExecutionWorker({ queue, events, store, runner, concurrency: 4 });
};
const statusOf = async (id: string) => (await store.get(id))?.status;
const finished = (id: string) => seen.filter((e) => e.type === 'execution.finished' && e.executionId === id);

describe('ExecutionRunner', () => {
  it('runs an execution: events in order, run data saved, final state once', async () => {
    await start();
    const id = await submit(chain(['pass', 'pass']), {
      input: { triggerItems: [{ json: { a: 1 } }, { json: { a: 2 } }] },
    });
    await waitFor(async () => (await statusOf(id)) === 'succeeded');
    const types = seen.map((e) => e.type);
    expect(types).toEqual([
      'execution.started',
      'node.started',
      'node.finished',
      'node.started',
      'node.finished',
      'execution.finished',
    ]);
    expect(seen[2]).toMatchObject({ nodeName: 'N1', status: 'success', itemsIn: 2, itemsOut: 2 });
    const r = (await store.get(id))!;
    expect(r.runData!.N2[0].data.main[0]![1].json).toEqual({ a: 2, N1: true, N2: true });
    expect(r.startedAt).not.toBeNull();
    expect(r.finishedAt).toBeGreaterThanOrEqual(r.startedAt!);
  });

  it('a failing node fails the execution with an error summary', async () => {
    await start();
    const id = await submit(chain(['pass', 'fail', 'pass']));
    await waitFor(async () => (await statusOf(id)) === 'failed');
    expect((await store.get(id))!.error).toMatchObject({ message: 'node exploded' });
    expect(seen.find((e) => e.type === 'node.finished' && e.nodeName === 'N2')).toMatchObject({
      status: 'error',
      error: { message: 'node exploded' },
    });
    expect(finished(id)[0]).toMatchObject({
      status: 'failed',
      error: { message: 'node exploded', node: 'N2' },
    });
    expect(sideEffects.N3).toBeUndefined();
  });

  it('a re-delivered execution resumes after the last finished node and finishes exactly once', async () => {
    const id = `x${++n}`;
    store.insert({ id, workflowId: 'w' }, chain(['pass', 'gate', 'pass']));
    const first = makeRunner();
    const firstRun = first.handle({ executionId: id, attempt: 1, signal: new AbortController().signal });
    await waitFor(() => gates.has('N2'));
    expect(Object.keys(await store.loadCheckpoints(id))).toEqual(['N1']);
    gates.delete('N2');
    // The worker "died" at N2: its job is delivered to another worker.
    const second = makeRunner().handle({ executionId: id, attempt: 1, signal: new AbortController().signal });
    await waitFor(() => gates.has('N2'));
    gates.get('N2')!();
    await second;
    expect(await statusOf(id)).toBe('succeeded');
    expect(sideEffects).toEqual({ N1: 1, N2: 2, N3: 1 });
    first.abort(id); // the zombie finally stops: it must not write anything
    await firstRun;
    expect(await statusOf(id)).toBe('succeeded');
    expect(finished(id)).toHaveLength(1);
  });

  it('a re-delivered execution runs the pure nodes since the last commit again, never a finished node with effects', async () => {
    const id = `x${++n}`;
    store.insert({ id, workflowId: 'w' }, chain(['pass', 'pure', 'gate', 'pass']));
    const first = makeRunner();
    const firstRun = first.handle({ executionId: id, attempt: 1, signal: new AbortController().signal });
    await waitFor(() => gates.has('N3'));
    // N2 finished but is only buffered: nothing outside the run has seen it.
    expect(Object.keys(await store.loadCheckpoints(id))).toEqual(['N1']);
    gates.delete('N3');
    const second = makeRunner().handle({ executionId: id, attempt: 1, signal: new AbortController().signal });
    await waitFor(() => gates.has('N3'));
    gates.get('N3')!();
    await second;
    expect(await statusOf(id)).toBe('succeeded');
    expect(sideEffects).toEqual({ N1: 1, N2: 2, N3: 2, N4: 1 });
    first.abort(id);
    await firstRun;
    expect(finished(id)).toHaveLength(1);
    expect(Object.keys((await store.get(id))!.runData!)).toEqual(['N1', 'N2', 'N3', 'N4']);
  });

  it('cancel of a running execution aborts the running node within 1 s', async () => {
    await start();
    const id = await submit(chain(['pass', { type: 'slow', parameters: { ms: 20_000 } }, 'pass']));
    await waitFor(() => seen.some((e) => e.type === 'node.started' && e.nodeName === 'N2'));
    const t0 = Date.now();
    expect(await cancelExecution({ store, queue, events }, id)).toBe('canceling');
    await waitFor(async () => (await statusOf(id)) === 'canceled', 1000, 'canceled within 1 s');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(sideEffects.N3).toBeUndefined();
    expect(await cancelExecution({ store, queue, events }, id)).toBe('already-finished');
    expect(await cancelExecution({ store, queue, events }, 'nope')).toBe('not-found');
  });

  it('cancel of a queued execution removes it before it runs', async () => {
    const id = await submit(chain(['pass']));
    expect(await cancelExecution({ store, queue, events }, id)).toBe('canceled');
    await start();
    const other = await submit(chain(['pass']));
    await waitFor(async () => (await statusOf(other)) === 'succeeded');
    expect(await statusOf(id)).toBe('canceled');
    expect(sideEffects.N1).toBe(1);
    expect(finished(id)).toHaveLength(1);
  });

  it('a cancel that arrives between dequeue and start still cancels', async () => {
    const id = `x${++n}`;
    store.insert({ id, workflowId: 'w' }, chain(['pass']));
    runner.abort(id);
    await runner.handle({ executionId: id, attempt: 1, signal: new AbortController().signal });
    expect(await statusOf(id)).toBe('canceled');
  });

  it('a Wait node parks the execution and it resumes at its time', async () => {
    await start();
    const id = await submit(chain(['pass', { type: 'wait', parameters: { ms: 300 } }, 'pass']));
    await waitFor(async () => (await statusOf(id)) === 'waiting');
    expect((await store.get(id))!.waitTill).toBeGreaterThan(Date.now());
    await waitFor(async () => (await statusOf(id)) === 'succeeded', 3000);
    expect(sideEffects).toEqual({ N1: 1, N3: 1 });
    expect(finished(id).map((e) => e.type === 'execution.finished' && e.status)).toEqual([
      'waiting',
      'succeeded',
    ]);
  });

  it.each([
    ['all', 'succeeded', true],
    ['errors', 'succeeded', false],
    ['errors', 'failed', true],
    ['none', 'failed', false],
  ] as const)('save mode %s keeps run data of a %s run: %s', async (mode, outcome, kept) => {
    await start();
    const id = await submit(
      chain(outcome === 'failed' ? ['pass', 'fail'] : ['pass'], { saveExecutionData: mode }),
    );
    await waitFor(async () => (await statusOf(id)) === outcome);
    expect((await store.get(id))!.runData !== null).toBe(kept);
  });

  it('answers webhook calls: the Respond node, or the last node, exactly once', async () => {
    await start();
    const inbox: ExecutionChannelMessage[] = [];
    const a = `x${++n}`;
    const b = `x${++n}`;
    await events.subscribeExecution(a, (m) => inbox.push(m));
    await events.subscribeExecution(b, (m) => inbox.push(m));
    store.insert(
      { id: a, workflowId: 'w', mode: 'webhook', input: { responseMode: 'responseNode' } },
      chain(['pass', 'respond', 'pass']),
    );
    store.insert(
      { id: b, workflowId: 'w', mode: 'webhook', input: { responseMode: 'lastNode' } },
      chain(['pass', 'pass']),
    );
    await queue.enqueue(a);
    await queue.enqueue(b);
    await waitFor(() => finished(a).length && finished(b).length);
    const responses = inbox.filter((m) => m.type === 'webhook.response');
    expect(responses).toHaveLength(2);
    expect(responses.find((m) => m.executionId === a)).toMatchObject({
      statusCode: 201,
      body: { answered: 1 },
    });
    expect(responses.find((m) => m.executionId === b)).toMatchObject({
      statusCode: 200,
      body: { N1: true, N2: true },
    });
  });

  it('a webhook call whose run cannot start (its workflow is gone) is answered 500 at once, not left to time out', async () => {
    const id = `x${++n}`;
    const inbox: ExecutionChannelMessage[] = [];
    await events.subscribeExecution(id, (m) => inbox.push(m));
    store.insert({ id, workflowId: 'w', mode: 'webhook', input: { responseMode: 'lastNode' } });
    await runner.handle({ executionId: id, attempt: 1, signal: new AbortController().signal });
    expect(await statusOf(id)).toBe('failed');
    expect(inbox.filter((m) => m.type === 'webhook.response')).toEqual([
      expect.objectContaining({ executionId: id, statusCode: 500, body: { message: 'Error in workflow' } }),
    ]);
  });

  it('runs a first delivery from the record the queue hands over, without reading it back', async () => {
    const id = `x${++n}`;
    store.insert({ id, workflowId: 'w', input: { triggerItems: [{ json: { a: 1 } }] } }, chain(['pass']));
    const created = (await store.get(id))!;
    let reads = 0;
    const get = store.get.bind(store);
    store.get = async (x) => {
      reads++;
      return get(x);
    };
    await runner.handle({ executionId: id, attempt: 1, signal: new AbortController().signal, created });
    expect(reads).toBe(0);
    expect(await statusOf(id)).toBe('succeeded');
    // Canceled after the job was made: the handed-over record is stale, the mark-running write loses, nothing runs.
    const late = `x${++n}`;
    store.insert({ id: late, workflowId: 'w' }, chain(['pass']));
    const stale = (await store.get(late))!;
    await store.finish(late, { status: 'canceled', finishedAt: Date.now(), runData: null });
    await runner.handle({
      executionId: late,
      attempt: 1,
      signal: new AbortController().signal,
      created: stale,
    });
    expect(await statusOf(late)).toBe('canceled');
    expect(finished(late)).toEqual([]);
  });

  it('fails an execution whose workflow is gone, without retrying', async () => {
    await start();
    const id = `x${++n}`;
    store.insert({ id, workflowId: 'w' });
    await queue.enqueue(id);
    await waitFor(async () => (await statusOf(id)) === 'failed');
    expect((await store.get(id))!.error!.message).toMatch(/no longer exists/);
  });

  it('on shutdown a running execution is handed back, not finished, and resumes elsewhere', async () => {
    await start();
    const id = await submit(chain(['pass', 'gate', 'pass']));
    await waitFor(() => gates.has('N2'));
    await worker!.stop(50);
    worker = undefined;
    expect(await statusOf(id)).toBe('running');
    expect(finished(id)).toHaveLength(0);
    // Embedded restart: a new queue and runner recover unfinished executions from the store.
    queue = new MemoryExecutionQueue();
    gates.clear();
    worker = await startExecutionWorker({
      queue,
      events,
      store,
      runner: makeRunner(),
      recoverAllAtStart: true,
    });
    await waitFor(() => gates.has('N2'));
    gates.get('N2')!();
    await waitFor(async () => (await statusOf(id)) === 'succeeded');
    expect(sideEffects).toEqual({ N1: 1, N2: 2, N3: 1 });
  });

  it('the reaper re-enqueues lost executions and fails long-dead ones', async () => {
    const now = 10_000_000;
    store.insert({ id: 'lostq', workflowId: 'w', createdAt: now - 120_000 }, chain(['pass']));
    store.insert({ id: 'dead', workflowId: 'w', createdAt: now - 7_200_000 }, chain(['pass']));
    await store.markRunning('dead', now - 7_200_000);
    store.insert({ id: 'fresh', workflowId: 'w', createdAt: now - 1000 }, chain(['pass']));
    const handled = await reapOrphans({ store, queue, now: () => now, fail: runner.fail });
    expect(handled.sort()).toEqual(['dead', 'lostq']);
    expect(await statusOf('dead')).toBe('failed');
    expect((await queue.counts()).waiting).toBe(1);
  });
});
