import type { Redis } from 'ioredis';

/**
 * Per-workflow concurrency limit in Redis, FIFO. A workflow's executions hold a slot from enqueue
 * until they finish; excess ids wait in a per-workflow list and are admitted in order as slots free.
 * Each decision is one Lua script, so any number of api and worker processes agree.
 */
const ADMIT = `
redis.call('SET', KEYS[2], ARGV[2])
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('HEXISTS', KEYS[5], ARGV[1]) == 1 then return 0 end
if redis.call('SCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('SADD', KEYS[1], ARGV[1])
  redis.call('HSET', KEYS[4], ARGV[1], ARGV[3])
  return 1
end
redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('HSET', KEYS[5], ARGV[1], ARGV[4])
return 0`;

const RELEASE = `
if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then return {} end
redis.call('HDEL', KEYS[4], ARGV[1])
local limit = tonumber(redis.call('GET', KEYS[2]) or '1')
local out = {}
while redis.call('SCARD', KEYS[1]) < limit do
  local nxt = redis.call('LPOP', KEYS[3])
  if not nxt then break end
  local info = redis.call('HGET', KEYS[5], nxt) or ''
  redis.call('HDEL', KEYS[5], nxt)
  redis.call('SADD', KEYS[1], nxt)
  redis.call('HSET', KEYS[4], nxt, ARGV[2])
  table.insert(out, nxt)
  table.insert(out, info)
end
return out`;

const UNPARK = `
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('LREM', KEYS[1], 0, ARGV[1])
return 1`;

/** Parked-entry details needed to enqueue it later. */
export interface ParkedInfo {
  workflowId: string;
  priority: number;
  delayMs?: number;
}

export class WorkflowLimiter {
  readonly #redis: Redis;
  readonly #base: string;

  constructor(redis: Redis, base: string) {
    this.#redis = redis;
    this.#base = base;
  }

  #keys(workflowId: string): string[] {
    const b = this.#base;
    return [
      `${b}:slots:${workflowId}`,
      `${b}:limit:${workflowId}`,
      `${b}:parked:${workflowId}`,
      `${b}:owner`,
      `${b}:parkinfo`,
    ];
  }

  /** True when the execution holds (or already held) a slot and may be queued now; false when parked. */
  async admit(executionId: string, limit: number, info: ParkedInfo): Promise<boolean> {
    const r = await this.#redis.eval(
      ADMIT,
      5,
      ...this.#keys(info.workflowId),
      executionId,
      limit,
      info.workflowId,
      JSON.stringify(info),
    );
    return r === 1;
  }

  /** Frees the execution's slot (idempotent) and returns the parked executions that now hold slots. */
  async release(executionId: string): Promise<Array<{ executionId: string; info: ParkedInfo }>> {
    const workflowId = await this.#redis.hget(`${this.#base}:owner`, executionId);
    if (!workflowId) return [];
    const r = (await this.#redis.eval(
      RELEASE,
      5,
      ...this.#keys(workflowId),
      executionId,
      workflowId,
    )) as string[];
    const out: Array<{ executionId: string; info: ParkedInfo }> = [];
    for (let i = 0; i < r.length; i += 2) {
      const info = r[i + 1] ? (JSON.parse(r[i + 1]) as ParkedInfo) : { workflowId, priority: 100 };
      out.push({ executionId: r[i], info });
    }
    return out;
  }

  /** Removes a parked execution. True when it was parked. */
  async unpark(executionId: string): Promise<boolean> {
    const raw = await this.#redis.hget(`${this.#base}:parkinfo`, executionId);
    if (!raw) return false;
    const { workflowId } = JSON.parse(raw) as ParkedInfo;
    const keys = this.#keys(workflowId);
    return (await this.#redis.eval(UNPARK, 2, keys[2], keys[4], executionId)) === 1;
  }

  async parkedCount(): Promise<number> {
    return this.#redis.hlen(`${this.#base}:parkinfo`);
  }
}
