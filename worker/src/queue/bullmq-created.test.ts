import { afterAll, afterEach, expect, it } from 'vitest';
import type { ExecutionRecord } from '../runner/store.ts';
import { BullmqExecutionQueue } from './bullmq-queue.ts';
import { dropPrefix, REDIS_URL, testPrefix, waitFor } from './testing/redis.ts';
import type { JobContext } from './types.ts';

const prefix = testPrefix();
const opened: BullmqExecutionQueue[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((q) => q.close(500)));
});
afterAll(() => dropPrefix(prefix));

const open = () => {
  const q = new BullmqExecutionQueue({
    redisUrl: REDIS_URL,
    prefix,
    queueName: `c${opened.length}`,
    backoffMs: 10,
  });
  opened.push(q);
  return q;
};
const record = (id: string): ExecutionRecord => ({
  id,
  workflowId: 'w1',
  versionId: 'v1',
  status: 'queued',
  mode: 'webhook',
  createdAt: 1_700_000_000_000,
  startedAt: null,
  finishedAt: null,
  error: null,
  runData: null,
  input: { startNode: 'Webhook', triggerItems: [{ json: { body: { a: 1 } } }], replyTo: 'r1' },
  waitTill: null,
  heartbeatAt: null,
  parentExecutionId: null,
});

it('hands a new execution’s record to its first delivery only: a retry or a requeued run reads the store', async () => {
  const q = open();
  const seen: Array<[string, number, ExecutionRecord | undefined]> = [];
  q.process(async ({ executionId, attempt, created }: JobContext) => {
    seen.push([executionId, attempt, created]);
    if (executionId === 'retried' && attempt === 1) throw new Error('once');
    if (executionId === 'requeued' && seen.filter(([id]) => id === executionId).length === 1)
      return { requeueDelayMs: 10 };
  });
  for (const id of ['plain', 'retried', 'requeued'])
    await q.enqueue(id, { fresh: true, created: record(id) });
  await q.enqueue('without'); // an enqueue that carries no record (recovery, resume): nothing handed over
  await waitFor(() => seen.length === 6, 10_000, 'six deliveries');
  const of = (id: string) => seen.filter(([x]) => x === id).map(([, attempt, created]) => [attempt, created]);
  expect(of('plain')).toEqual([[1, record('plain')]]);
  expect(of('retried')).toEqual([
    [1, record('retried')],
    [2, undefined],
  ]);
  expect(of('requeued')).toEqual([
    [1, record('requeued')],
    [1, undefined],
  ]);
  expect(of('without')).toEqual([[1, undefined]]);
});

it('hands over no record that is not a fresh one, nor one too large to keep in Redis', async () => {
  const q = open();
  const seen = new Map<string, ExecutionRecord | undefined>();
  q.process(async ({ executionId, created }) => void seen.set(executionId, created));
  await q.enqueue('started', {
    fresh: true,
    created: { ...record('started'), status: 'running', startedAt: 1 },
  });
  const big = record('big');
  big.input = { triggerItems: [{ json: { body: 'x'.repeat(70_000) } }] };
  await q.enqueue('big', { fresh: true, created: big });
  await waitFor(() => seen.size === 2);
  expect([...seen.values()]).toEqual([undefined, undefined]);
});
