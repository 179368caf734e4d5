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

/**
 * Production mode: counters in Redis, shared by every api instance. The hits of one event-loop turn go to Redis
 * as one MULTI (one INCRBY per key with the turn's count, expiry set once), not one transaction per hit: under a
 * webhook burst that is one round trip per turn instead of two per call. Each hit gets the count it would have
 * got had the hits of the turn arrived one by one, in call order.
 */
export function redisRateLimiter(redis: Redis, prefix = 'tandem:rl:'): RateLimiter {
  type Waiting = {
    windowMs: number;
    hits: Array<{ resolve(v: [number, number]): void; reject(e: unknown): void }>;
  };
  let turn = new Map<string, Waiting>();
  const flush = async () => {
    const batch = turn;
    turn = new Map();
    const keys = [...batch.keys()];
    const multi = redis.multi();
    for (const k of keys) {
      const w = batch.get(k)!;
      multi.incrby(k, w.hits.length).pexpire(k, w.windowMs, 'NX').pttl(k);
    }
    try {
      const res = await multi.exec();
      keys.forEach((k, i) => {
        const { windowMs, hits } = batch.get(k)!;
        const count = Number(res?.[i * 3]?.[1] ?? 0);
        const ttl = Number(res?.[i * 3 + 2]?.[1] ?? windowMs);
        for (let j = 0; j < hits.length; j++) hits[j].resolve([count - hits.length + 1 + j, ttl]);
      });
    } catch (err) {
      for (const w of batch.values()) for (const h of w.hits) h.reject(err);
    }
  };
  const bump = (key: string, windowMs: number): Promise<[number, number]> =>
    new Promise((resolve, reject) => {
      if (turn.size === 0) setImmediate(() => void flush());
      const k = prefix + key;
      let w = turn.get(k);
      if (!w) turn.set(k, (w = { windowMs, hits: [] }));
      w.hits.push({ resolve, reject });
    });
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
