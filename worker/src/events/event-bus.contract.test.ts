import type { ExecutionChannelMessage, ExecutionEvent } from '@tandem/shared/schema';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropPrefix, REDIS_URL, testPrefix, waitFor } from '../queue/testing/redis.ts';
import { MemoryEventBus } from './memory-event-bus.ts';
import { RedisEventBus } from './redis-event-bus.ts';
import type { EventBus } from './types.ts';

const prefix = testPrefix();
const opened: EventBus[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
});
afterAll(() => dropPrefix(prefix));

/** [publisher side, subscriber side]: two processes' buses in production, one bus embedded. */
const impls: Array<[string, () => [EventBus, EventBus]]> = [
  [
    'memory',
    () => {
      const b = new MemoryEventBus();
      return [b, b];
    },
  ],
  [
    'redis',
    () => [
      new RedisEventBus({ redisUrl: REDIS_URL, prefix }),
      new RedisEventBus({ redisUrl: REDIS_URL, prefix }),
    ],
  ],
];

const ev = (type: string, executionId = 'x1', workflowId = 'w1'): ExecutionEvent => {
  const base = { executionId, workflowId, at: Date.now() };
  switch (type) {
    case 'execution.started':
      return { type, ...base, mode: 'webhook', versionId: 'v1' };
    case 'node.started':
      return { type, ...base, nodeName: 'Code', runIndex: 0 };
    case 'node.finished':
      return {
        type,
        ...base,
        nodeName: 'Code',
        runIndex: 0,
        status: 'error',
        itemsIn: 1,
        itemsOut: 0,
        durationMs: 3,
        error: { message: 'boom' },
      };
    default:
      return {
        type: 'execution.finished',
        ...base,
        status: 'failed',
        durationMs: 5,
        error: { message: 'boom', node: 'Code' },
      };
  }
};

describe.each(impls)('EventBus contract (%s)', (_name, make) => {
  const open = () => {
    const pair = make();
    opened.push(...new Set(pair));
    return pair;
  };

  it('delivers events to the workflow channel in order, execution.finished also to the execution channel', async () => {
    const [pub, sub] = open();
    const wf: ExecutionEvent[] = [];
    const ex: ExecutionChannelMessage[] = [];
    const other: unknown[] = [];
    await sub.subscribeWorkflow('w1', (e) => wf.push(e));
    await sub.subscribeExecution('x1', (m) => ex.push(m));
    await sub.subscribeWorkflow('w2', (e) => other.push(e));
    await sub.subscribeExecution('x2', (m) => other.push(m));
    const types = ['execution.started', 'node.started', 'node.finished', 'execution.finished'];
    for (const t of types) await pub.publish(ev(t));
    await waitFor(() => wf.length === 4 && ex.length === 1);
    expect(wf.map((e) => e.type)).toEqual(types);
    expect(ex).toEqual([wf[3]]);
    expect(wf[2]).toMatchObject({ status: 'error', itemsIn: 1, itemsOut: 0, error: { message: 'boom' } });
    expect(other).toEqual([]);
  });

  it('sends webhook responses to the execution only, never to workflow viewers', async () => {
    const [pub, sub] = open();
    const wf: unknown[] = [];
    const ex: ExecutionChannelMessage[] = [];
    await sub.subscribeWorkflow('w1', (e) => wf.push(e));
    await sub.subscribeExecution('x1', (m) => ex.push(m));
    await pub.publishWebhookResponse({
      type: 'webhook.response',
      executionId: 'x1',
      statusCode: 200,
      headers: { 'x-a': '1' },
      body: { ok: true },
    });
    await waitFor(() => ex.length === 1);
    expect(ex[0]).toEqual({
      type: 'webhook.response',
      executionId: 'x1',
      statusCode: 200,
      headers: { 'x-a': '1' },
      body: { ok: true },
    });
    expect(wf).toEqual([]);
  });

  it('delivers a webhook answer to the waiting caller only, through its bus’ reply channel (`replyTo`)', async () => {
    const [pub, sub] = open();
    const mine: unknown[] = [];
    const other: unknown[] = [];
    await sub.subscribeWebhookResponse('x1', (m) => mine.push(m));
    const off = await sub.subscribeWebhookResponse('x2', (m) => other.push(m));
    await off();
    const answer = (executionId: string) => ({
      type: 'webhook.response' as const,
      executionId,
      statusCode: 201,
      headers: {},
      body: { ok: executionId },
    });
    await pub.publishWebhookResponse(answer('x2'), sub.replyTo);
    await pub.publishWebhookResponse(answer('x1'), sub.replyTo);
    await waitFor(() => mine.length === 1);
    expect(mine).toEqual([answer('x1')]);
    expect(other).toEqual([]);
  });

  it('broadcasts control messages and stops delivering after unsubscribe', async () => {
    const [pub, sub] = open();
    const got: unknown[] = [];
    const unsub = await sub.subscribeControl((m) => got.push(m));
    await pub.publishControl({ type: 'execution.cancel', executionId: 'x9' });
    await waitFor(() => got.length === 1);
    await unsub();
    await pub.publishControl({ type: 'execution.cancel', executionId: 'x10' });
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([{ type: 'execution.cancel', executionId: 'x9' }]);
    expect((sub as MemoryEventBus | RedisEventBus).channelCount).toBe(0);
  });

  it('a throwing listener does not break the others', async () => {
    const [pub, sub] = open();
    const got: unknown[] = [];
    await sub.subscribeWorkflow('w1', () => {
      throw new Error('listener bug');
    });
    await sub.subscribeWorkflow('w1', (e) => got.push(e));
    await pub.publish(ev('node.started'));
    await waitFor(() => got.length === 1);
  });

  it('delivers within 100 ms at p99', async () => {
    const [pub, sub] = open();
    const delays: number[] = [];
    await sub.subscribeWorkflow('lat', (e) => delays.push(Date.now() - e.at));
    for (let i = 0; i < 300; i++) {
      await pub.publish({ ...ev('node.started', `x${i}`, 'lat'), at: Date.now() });
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await waitFor(() => delays.length === 300);
    delays.sort((a, b) => a - b);
    expect(delays[Math.floor(delays.length * 0.99)]).toBeLessThan(100);
  });
});

it('the redis bus drops malformed messages instead of crashing', async () => {
  const bus = new RedisEventBus({ redisUrl: REDIS_URL, prefix });
  opened.push(bus);
  const raw = new Redis(REDIS_URL);
  const got: unknown[] = [];
  await bus.subscribeWorkflow('w1', (e) => got.push(e));
  await raw.publish(`${prefix}:ev:wf:w1`, 'not json');
  await raw.publish(`${prefix}:ev:wf:w1`, JSON.stringify({ type: 'node.started', nope: 1 }));
  await raw.publish(`${prefix}:ev:wf:w1`, JSON.stringify(ev('node.started')));
  await waitFor(() => got.length === 1);
  expect(got[0]).toMatchObject({ type: 'node.started', nodeName: 'Code' });
  raw.disconnect();
});

it('the redis bus batches the (un)subscriptions of one turn without losing or undoing one', async () => {
  const pub = new RedisEventBus({ redisUrl: REDIS_URL, prefix });
  const sub = new RedisEventBus({ redisUrl: REDIS_URL, prefix });
  opened.push(pub, sub);
  const got = new Map<string, number>();
  const ids = Array.from({ length: 200 }, (_, i) => `b${i}`);
  // 200 waiters subscribe in one turn, as concurrent webhook calls do: one SUBSCRIBE for all of them.
  const unsubs = await Promise.all(
    ids.map((id) => sub.subscribeExecution(id, () => got.set(id, (got.get(id) ?? 0) + 1))),
  );
  // Unsubscribe half, and in the same turn subscribe one of them again: the later subscription must hold.
  for (const u of unsubs.slice(0, 100)) void u();
  const again: string[] = [];
  const resub = sub.subscribeExecution('b0', (m) => again.push(m.type));
  await resub;
  // Published without waiting in between: still one message each, in order per channel.
  await Promise.all(ids.map((id) => pub.publish(ev('execution.finished', id))));
  await waitFor(() => got.size === 100 && again.length === 1);
  await new Promise((r) => setTimeout(r, 50));
  expect([...got.keys()].sort()).toEqual(ids.slice(100).sort());
  expect([...got.values()].every((n) => n === 1)).toBe(true);
  expect(again).toEqual(['execution.finished']);
  expect(sub.channelCount).toBe(101);
});

it('the memory bus says whether a workflow (or, when asked, an execution) has listeners', async () => {
  const bus = new MemoryEventBus();
  opened.push(bus);
  expect(bus.hasListeners('w1', 'x1')).toBe(false);
  const offEx = await bus.subscribeExecution('x1', () => {});
  // A caller waiting for one run (its answer, its end) does not make the workflow's progress events worth making.
  expect(bus.hasListeners('w1')).toBe(false);
  expect(bus.hasListeners('w1', 'x1')).toBe(true);
  const offWf = await bus.subscribeWorkflow('w1', () => {});
  expect(bus.hasListeners('w1')).toBe(true);
  expect(bus.hasListeners('w2', 'x2')).toBe(false);
  await offWf();
  await offEx();
  expect(bus.hasListeners('w1', 'x1')).toBe(false);
  expect(bus.channelCount).toBe(0);
});
