import type { Redis } from 'ioredis';

export type RateDecision = { allowed: boolean; remaining: number; retryAfterSec: number };

/** Fixed-window counters: `hit` counts one event for `key` and says whether it is within `limit` per `windowMs`. */
export type RateLimiter = {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  /** Counts without deciding (e.g. failed logins), returns the count in the window. */
  count(key: string, windowMs: number): Promise<number>;
  peek(key: string): Promise<number>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
};

function decide(count: number, limit: number, ttlMs: number): RateDecision {
  return {
    allowed: count <= limit,
    remaining: Math.max(0, limit - count),
    retryAfterSec: Math.max(1, Math.ceil(ttlMs / 1000)),
  };
}

/** Embedded mode: counters in this process. */
export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const sweep = setInterval(() => {
    const t = now();
    for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
  }, 60_000);
  sweep.unref();
  const bump = (key: string, windowMs: number) => {
    const t = now();
    let w = windows.get(key);
    if (!w || w.resetAt <= t) {
      w = { count: 0, resetAt: t + windowMs };
      windows.set(key, w);
    }
    w.count++;
    return w;
  };
  return {
    async hit(key, limit, windowMs) {
      const w = bump(key, windowMs);
      return decide(w.count, limit, w.resetAt - now());
    },
    async count(key, windowMs) {
      return bump(key, windowMs).count;
    },
    async peek(key) {
      const w = windows.get(key);
      return w && w.resetAt > now() ? w.count : 0;
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      clearInterval(sweep);
    },
  };
}

/** Production mode: counters in Redis, shared by every api instance. */
export function redisRateLimiter(redis: Redis, prefix = 'tandem:rl:'): RateLimiter {
  const bump = async (key: string, windowMs: number): Promise<[number, number]> => {
    const k = prefix + key;
    const res = await redis.multi().incr(k).pexpire(k, windowMs, 'NX').pttl(k).exec();
    return [Number(res?.[0]?.[1] ?? 0), Number(res?.[2]?.[1] ?? windowMs)];
  };
  return {
    async hit(key, limit, windowMs) {
      const [count, ttl] = await bump(key, windowMs);
      return decide(count, limit, ttl);
    },
    async count(key, windowMs) {
      return (await bump(key, windowMs))[0];
    },
    async peek(key) {
      return Number((await redis.get(prefix + key)) ?? 0);
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async close() {},
  };
}
