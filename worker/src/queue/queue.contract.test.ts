import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BullmqExecutionQueue } from './bullmq-queue.ts';
import { NonRetriableError } from './errors.ts';
import { MemoryExecutionQueue } from './memory-queue.ts';
import { dropPrefix, REDIS_URL, testPrefix, waitFor } from './testing/redis.ts';
import type { ExecutionQueue } from './types.ts';

const prefix = testPrefix();
const opened: ExecutionQueue[] = [];

const impls: Array<[string, () => ExecutionQueue]> = [
  ['memory', () => new MemoryExecutionQueue({ backoffMs: 10 })],
  [
    'bullmq',
    () =>
      new BullmqExecutionQueue({
        redisUrl: REDIS_URL,
        prefix,
        queueName: `q${opened.length}`,
        backoffMs: 10,
      }),
  ],
];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((q) => q.close(500)));
});
afterAll(() => dropPrefix(prefix));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(impls)('ExecutionQueue contract (%s)', (_name, make) => {
  const open = () => {
    const q = make();
    opened.push(q);
    return q;
  };

  it('runs each execution once with at most `concurrency` at a time', async () => {
    const q = open();
    const seen: string[] = [];
    let running = 0;
    let peak = 0;
    q.process(
      async ({ executionId }) => {
        running++;
        peak = Math.max(peak, running);
        await sleep(20);
        seen.push(executionId);
        running--;
      },
      { concurrency: 3 },
    );
    for (let i = 0; i < 12; i++) await q.enqueue(`e${i}`);
    await waitFor(() => seen.length === 12, 5000, '12 runs');
    expect(new Set(seen).size).toBe(12);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });

  it('orders by priority, FIFO within a priority', async () => {
    const q = open();
    await q.enqueue('low1', { priority: 500 });
    await q.enqueue('n1');
    await q.enqueue('high', { priority: 1 });
    await q.enqueue('n2');
    await q.enqueue('low2', { priority: 500 });
    const order: string[] = [];
    q.process(async ({ executionId }) => void order.push(executionId), { concurrency: 1 });
    await waitFor(() => order.length === 5);
    expect(order).toEqual(['high', 'n1', 'n2', 'low1', 'low2']);
  });

  it('enqueueing the same execution twice runs it once', async () => {
    const q = open();
    await q.enqueue('dup');
    await q.enqueue('dup');
    const runs: string[] = [];
    q.process(async ({ executionId }) => void runs.push(executionId));
    await q.enqueue('other');
    await waitFor(() => runs.includes('other') && runs.includes('dup'));
    await sleep(50);
    expect(runs.filter((r) => r === 'dup')).toHaveLength(1);
  });

  it('per-workflow limit: excess waits FIFO, other workflows are not held back', async () => {
    const q = open();
    const order: string[] = [];
    let runningA = 0;
    let peakA = 0;
    const release = new Map<string, () => void>();
    q.process(
      async ({ executionId }) => {
        order.push(executionId);
        if (!executionId.startsWith('a')) return;
        runningA++;
        peakA = Math.max(peakA, runningA);
        await new Promise<void>((r) => release.set(executionId, r));
        runningA--;
      },
      { concurrency: 5 },
    );
    for (const id of ['a1', 'a2', 'a3', 'a4']) await q.enqueue(id, { workflowId: 'A', maxConcurrency: 2 });
    await q.enqueue('b1', { workflowId: 'B', maxConcurrency: 2 });
    await waitFor(() => order.includes('b1') && release.size === 2);
    expect((await q.counts()).parked).toBe(2);
    release.get('a1')!();
    await waitFor(() => release.has('a3'));
    release.get('a2')!();
    await waitFor(() => release.has('a4'));
    release.get('a3')!();
    release.get('a4')!();
    await waitFor(() => order.length === 5);
    expect(order.filter((x) => x.startsWith('a'))).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(peakA).toBe(2);
  });

  it('a fresh execution (no slot to free at its end) runs beside limited ones and leaves their slots alone', async () => {
    const q = open();
    const order: string[] = [];
    const release = new Map<string, () => void>();
    q.process(
      async ({ executionId }) => {
        order.push(executionId);
        if (executionId.startsWith('a')) await new Promise<void>((r) => release.set(executionId, r));
      },
      { concurrency: 5 },
    );
    await q.enqueue('a1', { workflowId: 'A', maxConcurrency: 1 });
    await q.enqueue('f1', { fresh: true });
    await q.enqueue('a2', { workflowId: 'A', maxConcurrency: 1 });
    await waitFor(() => order.includes('f1') && release.has('a1'));
    expect((await q.counts()).parked).toBe(1);
    release.get('a1')!();
    await waitFor(() => release.has('a2'));
    release.get('a2')!();
    expect(order.indexOf('a2')).toBe(2);
  });

  it('cancel removes queued and parked executions, not running ones', async () => {
    const q = open();
    await q.enqueue('c1', { workflowId: 'C', maxConcurrency: 1 });
    await q.enqueue('c2', { workflowId: 'C', maxConcurrency: 1 });
    await q.enqueue('c3', { workflowId: 'C', maxConcurrency: 1 });
    await q.enqueue('plain');
    expect(await q.cancel('plain')).toBe(true);
    expect(await q.cancel('c2')).toBe(true); // parked
    expect(await q.cancel('nope')).toBe(false);
    const runs: string[] = [];
    let unblock: () => void = () => {};
    q.process(async ({ executionId }) => {
      runs.push(executionId);
      if (executionId === 'c1') await new Promise<void>((r) => (unblock = r));
    });
    await waitFor(() => runs.includes('c1'));
    expect(await q.cancel('c1')).toBe(false); // running
    unblock();
    await waitFor(() => runs.includes('c3'), 5000, 'c3 admitted after c1');
    await sleep(50);
    expect(runs).toEqual(['c1', 'c3']);
  });

  it('retries failures up to the attempts, never a NonRetriableError', async () => {
    const q = open();
    const attempts: Record<string, number[]> = { flaky: [], fatal: [], dead: [] };
    const failed: string[] = [];
    q.process(
      async ({ executionId, attempt }) => {
        attempts[executionId].push(attempt);
        if (executionId === 'flaky' && attempt < 3) throw new Error('transient');
        if (executionId === 'fatal') throw new NonRetriableError('bad workflow');
        if (executionId === 'dead') throw new Error('always');
      },
      { onFinalFailure: async (id) => void failed.push(id) },
    );
    await q.enqueue('flaky');
    await q.enqueue('fatal');
    await q.enqueue('dead');
    await waitFor(() => failed.length === 2 && attempts.flaky.length === 3, 5000, 'retries');
    expect(attempts.flaky).toEqual([1, 2, 3]);
    expect(attempts.fatal).toEqual([1]);
    expect(attempts.dead).toEqual([1, 2, 3]);
    expect(failed.sort()).toEqual(['dead', 'fatal']);
  });

  it('delays a job by delayMs', async () => {
    const q = open();
    const t0 = Date.now();
    let ranAt = 0;
    q.process(async () => void (ranAt = Date.now()));
    await q.enqueue('later', { delayMs: 300 });
    await waitFor(() => ranAt > 0);
    expect(ranAt - t0).toBeGreaterThanOrEqual(280);
  });

  it('a handler can requeue its execution for later (Wait node)', async () => {
    const q = open();
    const times: number[] = [];
    q.process(async () => {
      times.push(Date.now());
      return times.length === 1 ? { requeueDelayMs: 250 } : undefined;
    });
    await q.enqueue('parked');
    await waitFor(() => times.length === 2, 5000, 'second run');
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(230);
    await sleep(50);
    expect(times).toHaveLength(2);
  });

  it('close waits for running jobs up to the timeout, then aborts them', async () => {
    const q = make();
    let aborted = false;
    let started = false;
    q.process(async ({ signal }) => {
      started = true;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      aborted = true;
      throw new Error('aborted');
    });
    await q.enqueue('hang');
    await waitFor(() => started);
    const t0 = Date.now();
    await q.close(200);
    expect(aborted).toBe(true);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('rejects bad input with clear errors', async () => {
    const q = open();
    await expect(q.enqueue('has space')).rejects.toThrow(/invalid execution id/);
    await expect(q.enqueue('x', { priority: 0 })).rejects.toThrow(/priority/);
    await expect(q.enqueue('x', { maxConcurrency: 2 })).rejects.toThrow(/workflowId/);
    await expect(q.enqueue('x', { delayMs: -1 })).rejects.toThrow(/delayMs/);
  });
});
