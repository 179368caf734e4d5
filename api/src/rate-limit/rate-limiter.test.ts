import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from './rate-limiter.ts';

const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
const prefix = `tandem:test:rl:${Math.random().toString(36).slice(2)}:`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe.each([
  ['memory', () => memoryRateLimiter()],
  ['redis', () => redisRateLimiter(redis, prefix)],
] as [string, () => RateLimiter][])('%s rate limiter', (_name, make) => {
  it('allows up to the limit, then refuses with a retry-after, then recovers after the window', async () => {
    const rl = make();
    const key = `k${Math.random()}`;
    for (let i = 0; i < 3; i++) expect((await rl.hit(key, 3, 300)).allowed).toBe(true);
    const refused = await rl.hit(key, 3, 300);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSec).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 350));
    expect((await rl.hit(key, 3, 300)).allowed).toBe(true);
    await rl.close();
  });

  it('counts, peeks and resets', async () => {
    const rl = make();
    const key = `c${Math.random()}`;
    await rl.count(key, 10_000);
    expect(await rl.count(key, 10_000)).toBe(2);
    expect(await rl.peek(key)).toBe(2);
    await rl.reset(key);
    expect(await rl.peek(key)).toBe(0);
    await rl.close();
  });
});
