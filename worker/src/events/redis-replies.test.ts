import type { WebhookResponseMessage } from '@tandem/shared/schema';
import { Redis } from 'ioredis';
import { afterAll, afterEach, expect, it } from 'vitest';
import { dropPrefix, REDIS_URL, testPrefix, waitFor } from '../queue/testing/redis.ts';
import { RedisEventBus } from './redis-event-bus.ts';

const prefix = testPrefix();
const opened: RedisEventBus[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
});
afterAll(() => dropPrefix(prefix));

const bus = () => {
  const b = new RedisEventBus({ redisUrl: REDIS_URL, prefix });
  opened.push(b);
  return b;
};
const answer = (executionId: string, body: unknown = executionId): WebhookResponseMessage => ({
  type: 'webhook.response',
  executionId,
  statusCode: 200,
  headers: {},
  body,
});
/** The Redis channels of this test's buses that have subscribers. */
const subscribed = async (admin: Redis) =>
  ((await admin.call('PUBSUB', 'CHANNELS', `${prefix}:ev:*`)) as string[])
    .map((c) => c.slice(`${prefix}:ev:`.length))
    .sort();

it('two api processes: each answer reaches the process holding the call, with one subscription per process', async () => {
  const worker = bus();
  const [apiA, apiB] = [bus(), bus()];
  expect(apiA.replyTo).not.toBe(apiB.replyTo);
  const got = new Map<string, unknown[]>();
  const wait = (api: RedisEventBus, id: string) =>
    api.subscribeWebhookResponse(id, (m) => got.set(id, [...(got.get(id) ?? []), [api.replyTo, m.body]]));
  await wait(apiA, 'a0'); // the first call subscribes the reply channel
  const admin = new Redis(REDIS_URL);
  const offs = await Promise.all([
    ...Array.from({ length: 20 }, (_, i) => wait(apiA, `a${i + 1}`)),
    ...Array.from({ length: 20 }, (_, i) => wait(apiB, `b${i}`)),
  ]);
  // 41 calls waiting, and no channel per call: the viewers channel and one reply channel per api process.
  expect(await subscribed(admin)).toEqual(
    ['viewers', `reply:${apiA.replyTo}`, `reply:${apiB.replyTo}`].sort(),
  );
  expect(apiA.channelCount).toBe(0);
  expect(apiA.waitingReplies).toBe(21);
  for (let i = 0; i <= 20; i++) await worker.publishWebhookResponse(answer(`a${i}`), apiA.replyTo);
  for (let i = 0; i < 20; i++) await worker.publishWebhookResponse(answer(`b${i}`), apiB.replyTo);
  // Sent to the wrong process: nobody there waits for it, so it is dropped.
  await worker.publishWebhookResponse(answer('b0', 'misrouted'), apiA.replyTo);
  await waitFor(() => got.size === 41);
  expect(got.get('a7')).toEqual([[apiA.replyTo, 'a7']]);
  expect(got.get('b0')).toEqual([[apiB.replyTo, 'b0']]);
  for (const off of offs) await off();
  expect(apiA.waitingReplies).toBe(1);
  expect(apiB.waitingReplies).toBe(0);
  admin.disconnect();
});

it('an api process that restarted gets the answers of its new calls, not those addressed to its old self', async () => {
  const worker = bus();
  const old = bus();
  await old.subscribeWebhookResponse('x1', () => {});
  const oldReplyTo = old.replyTo;
  await old.close();
  const restarted = bus();
  const got: unknown[] = [];
  await restarted.subscribeWebhookResponse('x1', (m) => got.push(m.body));
  await restarted.subscribeWebhookResponse('x2', (m) => got.push(m.body));
  // A run resumed after the restart still answers the old process' channel: nobody listens there any more.
  await worker.publishWebhookResponse(answer('x1', 'to the old process'), oldReplyTo);
  await worker.publishWebhookResponse(answer('x2'), restarted.replyTo);
  await waitFor(() => got.length === 1);
  await new Promise((r) => setTimeout(r, 50));
  expect(got).toEqual(['x2']);
});

it('an answer without a reply channel (from a run an older api started) goes to the execution channel', async () => {
  const worker = bus();
  const api = bus();
  const got: unknown[] = [];
  await api.subscribeExecution('x9', (m) => got.push(m.type));
  await worker.publishWebhookResponse(answer('x9'));
  await waitFor(() => got.length === 1);
  expect(got).toEqual(['webhook.response']);
});
