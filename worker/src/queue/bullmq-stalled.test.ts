import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { BullmqExecutionQueue } from './bullmq-queue.ts';
import { dropPrefix, REDIS_URL, testPrefix, waitFor } from './testing/redis.ts';

const prefix = testPrefix();
afterAll(() => dropPrefix(prefix));

it('a job whose worker is killed -9 mid-run is delivered again to another worker', async () => {
  const redis = new Redis(REDIS_URL);
  const script = fileURLToPath(new URL('./fixtures/stall-worker.ts', import.meta.url));
  const child = spawn(process.execPath, [script, REDIS_URL, prefix, 'stall'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const producer = new BullmqExecutionQueue({ redisUrl: REDIS_URL, prefix, queueName: 'stall' });
  let survivor: BullmqExecutionQueue | undefined;
  try {
    await producer.enqueue('long1');
    await waitFor(
      async () => (await redis.lrange(`${prefix}:started`, 0, -1)).length === 1,
      10_000,
      'child start',
    );
    child.kill('SIGKILL');
    survivor = new BullmqExecutionQueue({
      redisUrl: REDIS_URL,
      prefix,
      queueName: 'stall',
      lockDurationMs: 1000,
      stalledIntervalMs: 300,
    });
    const runs: Array<{ id: string; attempt: number }> = [];
    survivor.process(async ({ executionId, attempt }) => void runs.push({ id: executionId, attempt }));
    await waitFor(() => runs.length === 1, 10_000, 're-delivery');
    // A stall is not a failed attempt: the node-level retry policy stays the runner's business.
    expect(runs).toEqual([{ id: 'long1', attempt: 1 }]);
    await new Promise((r) => setTimeout(r, 800));
    expect(runs).toHaveLength(1);
  } finally {
    child.kill('SIGKILL');
    await survivor?.close(500);
    await producer.close(500);
    redis.disconnect();
  }
});
