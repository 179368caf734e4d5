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

it('redis: concurrent hits of one turn share one transaction and count exactly like one-by-one hits', async () => {
  const rl = redisRateLimiter(redis, prefix);
  const key = `b${Math.random()}`;
  const other = `o${Math.random()}`;
  const decisions = await Promise.all([
    ...Array.from({ length: 25 }, () => rl.hit(key, 20, 10_000)),
    rl.hit(other, 1, 10_000),
    rl.hit(other, 1, 10_000),
  ]);
  // In call order: 20 allowed, then 5 refused; the other key counts on its own.
  expect(decisions.slice(0, 25).map((d) => d.allowed)).toEqual([
    ...Array(20).fill(true),
    ...Array(5).fill(false),
  ]);
  expect(decisions.slice(0, 25).map((d) => d.remaining)).toEqual(
    Array.from({ length: 25 }, (_, i) => Math.max(0, 20 - (i + 1))),
  );
  expect(decisions.slice(25).map((d) => d.allowed)).toEqual([true, false]);
  expect(await rl.peek(key)).toBe(25);
  // The window's expiry was set once and is kept.
  const ttl = await redis.pttl(prefix + key);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(10_000);
  expect((await rl.hit(key, 20, 10_000)).allowed).toBe(false);
  await rl.close();
});
