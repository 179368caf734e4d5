import type { ExecutionEvent } from '@tandem/shared/schema';
import { Redis } from 'ioredis';
import { afterAll, afterEach, expect, it } from 'vitest';
import { dropPrefix, REDIS_URL, testPrefix, waitFor } from '../queue/testing/redis.ts';
import { RedisEventBus } from './redis-event-bus.ts';

const prefix = testPrefix();
const opened: Array<{ close(): unknown; disconnect?: never }> = [];
const raws: Redis[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
  for (const r of raws.splice(0)) r.disconnect();
});
afterAll(() => dropPrefix(prefix));

const ANNOUNCE_MS = 250;
const bus = () => {
  const b = new RedisEventBus({
    redisUrl: REDIS_URL,
    prefix,
    viewerAnnounceMs: ANNOUNCE_MS,
    viewerSettleMs: 50,
  });
  opened.push(b);
  return b;
};
/** Settled: past its start-up, the bus no longer reports a workflow nobody announced as viewed. */
const settled = (b: RedisEventBus) => waitFor(() => !b.hasListeners('nobody-views-this'), 5000, 'settled');
const started = (workflowId: string, executionId = 'x1'): ExecutionEvent => ({
  type: 'execution.started',
  executionId,
  workflowId,
  at: Date.now(),
  mode: 'webhook',
  versionId: 'v1',
});
const finished = (workflowId: string, executionId: string): ExecutionEvent => ({
  type: 'execution.finished',
  executionId,
  workflowId,
  at: Date.now(),
  status: 'succeeded',
  durationMs: 1,
});
/** A subscriber that announces nothing: sees what is actually published. */
const rawListener = async (channel: string) => {
  const raw = new Redis(REDIS_URL);
  raws.push(raw);
  const got: string[] = [];
  raw.on('message', (_c: string, m: string) => got.push(JSON.parse(m).type));
  await raw.subscribe(`${prefix}:ev:${channel}`);
  return got;
};

it('publishes a workflow’s events only while some bus views it; an execution’s end always', async () => {
  const worker = bus();
  await settled(worker);
  expect(worker.hasListeners('w1')).toBe(false);
  expect(worker.hasListeners('w1', 'x1')).toBe(true);
  const onWorkflow = await rawListener('wf:w1');
  const onExecution = await rawListener('ex:x1');
  await worker.publish(started('w1'));
  await worker.publish(finished('w1', 'x1'));
  await waitFor(() => onExecution.length === 1);
  await new Promise((r) => setTimeout(r, 50));
  expect(onWorkflow).toEqual([]);
  expect(onExecution).toEqual(['execution.finished']);

  // A viewer in another process: once its subscription resolved, the worker hears of it within a round trip.
  const api = bus();
  const got: string[] = [];
  const off = await api.subscribeWorkflow('w1', (e) => got.push(e.type));
  await waitFor(() => worker.hasListeners('w1'), 5000, 'announcement');
  expect(worker.hasListeners('w2')).toBe(false);
  await worker.publish(started('w1', 'x2'));
  await worker.publish(finished('w1', 'x2'));
  await waitFor(() => got.length === 2);
  expect(got).toEqual(['execution.started', 'execution.finished']);

  // Renewed while it stays, forgotten after three periods once it left.
  await new Promise((r) => setTimeout(r, 5 * ANNOUNCE_MS));
  expect(worker.hasListeners('w1')).toBe(true);
  await off();
  await waitFor(() => !worker.hasListeners('w1'), 5000, 'viewer forgotten');
});

it('a bus that starts after the viewer asks for the viewers and hears of it before trusting its silence', async () => {
  const api = bus();
  const got: string[] = [];
  await api.subscribeWorkflow('w3', (e) => got.push(e.type));
  const worker = bus();
  expect(worker.hasListeners('w3')).toBe(true); // blind at first: publishes everything
  await settled(worker);
  expect(worker.hasListeners('w3')).toBe(true);
  await worker.publish(started('w3'));
  await waitFor(() => got.length === 1);
});

it('a bus whose subscriber connection dropped is blind until it heard the renewals again', async () => {
  const worker = bus();
  await settled(worker);
  const admin = new Redis(REDIS_URL);
  raws.push(admin);
  // Drop the worker's subscriber connection (the only bus of this prefix so far); nobody else's.
  const list = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
  const ids = [...list.matchAll(/id=(\d+) .*name=(\S+)/g)].filter((m) => m[2] === `${prefix}:ev:sub`);
  expect(ids).toHaveLength(1);
  await admin.client('KILL', 'ID', ids[0][1]);
  await waitFor(() => worker.hasListeners('w4'), 5000, 'blind after the drop');
  const api = bus();
  const got: string[] = [];
  await api.subscribeWorkflow('w4', (e) => got.push(e.type));
  // Back and past a hold time: knows the viewer (announced or renewed meanwhile), not the others.
  await waitFor(() => !worker.hasListeners('w5'), 5000, 'settled again');
  expect(worker.hasListeners('w4')).toBe(true);
  await worker.publish(started('w4'));
  await waitFor(() => got.length === 1);
});
