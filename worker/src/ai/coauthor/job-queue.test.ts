import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { AiError } from '../provider/errors.ts';
import type { SuggestResult } from './coauthor.ts';
import { createCoauthorQueue, startCoauthorWorker } from './job-queue.ts';

const REDIS = 'redis://127.0.0.1:6379';
const prefix = `t-aiq-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

afterAll(async () => {
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('ai.coauthor job queue (BullMQ on real Redis)', () => {
  it('fails at once when no worker is connected, instead of waiting', async () => {
    const runner = createCoauthorQueue({ redisUrl: REDIS, prefix: `${prefix}-none`, timeoutMs: 30_000 });
    try {
      const started = Date.now();
      const err = await runner.run({ workflowId: 'w1', userId: 'u1' }).catch((e) => e);
      expect(err).toBeInstanceOf(AiError);
      expect(err.code).toBe('ai_worker_unavailable');
      expect(err.message).toMatch(/No worker/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await runner.close();
    }
  });

  it('runs the turn on the worker, answers with its result, and carries its AiError code back', async () => {
    const seen: string[] = [];
    const stop = startCoauthorWorker({ redisUrl: REDIS, prefix }, async (payload) => {
      seen.push(payload.workflowId);
      if (payload.request === 'fail') throw new AiError('ai_bad_output', 'the model gave nonsense');
      if (payload.request === 'crash') throw new Error('could not sync');
      return { suggestions: [], dropped: [`for ${payload.userId}`] } satisfies SuggestResult;
    });
    const runner = createCoauthorQueue({ redisUrl: REDIS, prefix, timeoutMs: 10_000 });
    try {
      expect(await runner.run({ workflowId: 'w1', userId: 'u1', selectedNodeId: 'n' })).toEqual({
        suggestions: [],
        dropped: ['for u1'],
      });
      const bad = await runner.run({ workflowId: 'w2', userId: 'u1', request: 'fail' }).catch((e) => e);
      expect(bad).toMatchObject({ code: 'ai_bad_output', message: 'the model gave nonsense' });
      const crash = await runner.run({ workflowId: 'w3', userId: 'u1', request: 'crash' }).catch((e) => e);
      expect(crash).toMatchObject({ code: 'ai_worker_unavailable', message: 'could not sync' });
      expect(seen).toEqual(['w1', 'w2', 'w3']);
      // A malformed payload never reaches Redis.
      await expect(runner.run({ workflowId: '', userId: 'u1' })).rejects.toThrow();
      // Fire and forget (the failure watcher): the worker still takes it.
      await runner.enqueue({ workflowId: 'w4', userId: 'u1' });
      await expect.poll(() => seen.includes('w4')).toBe(true);
    } finally {
      await runner.close();
      await stop();
    }
  });

  it('gives up with a clear error when the worker does not finish in time, and takes the job back', async () => {
    const p = `${prefix}-slow`;
    let release!: () => void;
    const stop = startCoauthorWorker({ redisUrl: REDIS, prefix: p, concurrency: 1 }, async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      return { suggestions: [], dropped: [] };
    });
    const runner = createCoauthorQueue({ redisUrl: REDIS, prefix: p, timeoutMs: 1_000 });
    const queue = new Queue('ai', { connection: { url: REDIS }, prefix: p });
    try {
      const first = runner.run({ workflowId: 'busy', userId: 'u' }).catch((e) => e);
      // The only slot is busy: the second job waits in the queue and is removed when the caller gives up.
      const second = await runner.run({ workflowId: 'queued', userId: 'u' }).catch((e) => e);
      expect(second).toMatchObject({ code: 'ai_worker_unavailable' });
      expect(second.message).toMatch(/within 1 s/);
      expect((await first).code).toBe('ai_worker_unavailable');
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 0 });
    } finally {
      release?.();
      await queue.close();
      await runner.close();
      await stop();
    }
  });
});
