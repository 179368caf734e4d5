import { isIP } from 'node:net';
import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NodeOperationError, NonRetriableError } from '@tandem/shared/engine';
import { redisDescription } from '@tandem/shared/nodes';
import { Redis } from 'ioredis';
import { resolveNodeHost } from '../http/index.ts';

/** Fields of the `redis` credential (n8n's shape). */
export interface RedisCredential {
  host?: string;
  port?: number;
  password?: string;
  user?: string;
  database?: number;
  ssl?: boolean;
}

const MAX_CLIENTS = 20;
const clients = new Map<string, Redis>();

/** `address` is where to connect: `cred.host` checked against the SSRF policy (see resolveNodeHost). */
function clientFor(cred: RedisCredential, host: string, address: string): Redis {
  const key = JSON.stringify([host, address, cred.port, cred.user, cred.password, cred.database, cred.ssl]);
  const existing = clients.get(key);
  if (existing && existing.status !== 'end') return existing;
  const client = new Redis({
    host: address,
    port: Number(cred.port) || 6379,
    username: cred.user || undefined,
    password: cred.password || undefined,
    db: Number(cred.database) || 0,
    // connecting to the checked address: TLS still verifies the certificate against the name
    tls: cred.ssl ? { servername: isIP(host) ? undefined : host } : undefined,
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 10_000,
    enableOfflineQueue: true,
  });
  client.on('error', () => {}); // surfaced per command instead
  clients.set(key, client);
  if (clients.size > MAX_CLIENTS) {
    const [oldestKey, oldest] = clients.entries().next().value as [string, Redis];
    clients.delete(oldestKey);
    oldest.disconnect();
  }
  return client;
}

/** Closes every cached connection (worker shutdown, tests). */
export async function closeRedisClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map((c) => c.quit().catch(() => c.disconnect())));
}

/** Sets `value` at a dot path, creating objects on the way (n8n's propertyName with dot notation). */
function setPath(target: JsonObject, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: JsonObject = target;
  for (const p of parts.slice(0, -1)) {
    if (p === '__proto__' || p === 'constructor' || p === 'prototype')
      throw new NonRetriableError(`Invalid property name "${path}"`);
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p] as JsonObject;
  }
  const last = parts[parts.length - 1];
  if (last === '__proto__') throw new NonRetriableError(`Invalid property name "${path}"`);
  cur[last] = value;
}

function maybeJson(value: string | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function getValue(redis: Redis, key: string, keyType: string): Promise<unknown> {
  const type = keyType === 'automatic' ? await redis.type(key) : keyType;
  switch (type) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
    case 'sets':
      return redis.smembers(key);
    case 'none':
      return null;
    default:
      throw new NonRetriableError(`Keys of type "${type}" are not supported`);
  }
}

async function setValue(
  redis: Redis,
  key: string,
  value: unknown,
  keyType: string,
  valueIsJSON: boolean,
): Promise<void> {
  const type =
    keyType === 'automatic'
      ? typeof value === 'object' && value !== null
        ? Array.isArray(value)
          ? 'list'
          : 'hash'
        : 'string'
      : keyType;
  if (type === 'string') {
    await redis.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    return;
  }
  const parsed = typeof value === 'string' && (type !== 'hash' || valueIsJSON) ? maybeJson(value) : value;
  if (type === 'hash') {
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new NonRetriableError('A hash value must be a JSON object');
    const flat = Object.entries(parsed as JsonObject).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]);
    await redis.multi().del(key).hset(key, Object.fromEntries(flat)).exec();
    return;
  }
  const members = (Array.isArray(parsed) ? parsed : [parsed]).map((v) =>
    typeof v === 'string' ? v : JSON.stringify(v),
  );
  if (type === 'list')
    await redis
      .multi()
      .del(key)
      .rpush(key, ...members)
      .exec();
  else if (type === 'sets')
    await redis
      .multi()
      .del(key)
      .sadd(key, ...members)
      .exec();
  else throw new NonRetriableError(`Unknown key type "${type}"`);
}

function parseInfo(text: string): JsonObject {
  const out: JsonObject = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i > 0) {
      const v = line.slice(i + 1);
      out[line.slice(0, i)] = v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
    }
  }
  return out;
}

async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    keys.push(...batch);
    if (keys.length > 100_000)
      throw new NonRetriableError('More than 100,000 keys match; use a narrower pattern');
  } while (cursor !== '0');
  return keys;
}

async function runItem(
  ctx: NodeRunContext,
  redis: Redis,
  operation: string,
  item: Item,
  i: number,
): Promise<Item> {
  const p = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, i, fallback) as T;
  const passthrough: Item = { json: item.json, pairedItem: { item: i } };
  const key = () => {
    const k = String(p('key', ''));
    if (!k) throw new NonRetriableError('The key is empty', { itemIndex: i });
    return k;
  };
  switch (operation) {
    case 'get': {
      const json = structuredClone(item.json);
      setPath(
        json,
        String(p('propertyName', 'propertyName') || 'propertyName'),
        await getValue(redis, key(), String(p('keyType', 'automatic'))),
      );
      return { json, pairedItem: { item: i } };
    }
    case 'set': {
      const k = key();
      await setValue(
        redis,
        k,
        p('value', ''),
        String(p('keyType', 'automatic')),
        p<unknown>('valueIsJSON', true) !== false,
      );
      if (p('expire', false)) await redis.expire(k, Number(p('ttl', 60)));
      return passthrough;
    }
    case 'delete':
      await redis.del(key());
      return passthrough;
    case 'incr': {
      const k = key();
      const value = await redis.incr(k);
      if (p('expire', false)) await redis.expire(k, Number(p('ttl', 60)));
      return { json: { [k]: value }, pairedItem: { item: i } };
    }
    case 'info':
      return { json: parseInfo(await redis.info()), pairedItem: { item: i } };
    case 'keys': {
      const keys = await scanKeys(redis, String(p('keyPattern', '')) || '*');
      if (!p('getValues', true)) return { json: { keys }, pairedItem: { item: i } };
      const json: JsonObject = {};
      for (const k of keys) json[k] = await getValue(redis, k, 'automatic');
      return { json, pairedItem: { item: i } };
    }
    case 'publish':
      await redis.publish(String(p('channel', '')), String(p('messageData', '')));
      return passthrough;
    case 'push': {
      const list = String(p('list', ''));
      const data = String(p('messageData', ''));
      if (p('tail', false)) await redis.rpush(list, data);
      else await redis.lpush(list, data);
      return passthrough;
    }
    case 'pop': {
      const list = String(p('list', ''));
      const value = p('tail', false) ? await redis.rpop(list) : await redis.lpop(list);
      const json = structuredClone(item.json);
      setPath(json, String(p('propertyName', 'propertyName') || 'propertyName'), maybeJson(value));
      return { json, pairedItem: { item: i } };
    }
    default:
      throw new NonRetriableError(`Unknown operation "${operation}"`);
  }
}

/** Redis v1: get / set / delete / incr / info / keys / publish / push / pop, once per input item. */
export async function executeRedis(ctx: NodeRunContext): Promise<NodeOutput> {
  const items = ctx.inputs[0] ?? [];
  const operation = String(ctx.getNodeParameter('operation', 0, 'info'));
  const cred = (await ctx.getCredentials('redis')) as RedisCredential;
  const host = cred.host || 'localhost';
  const redis = clientFor(cred, host, await resolveNodeHost(ctx.services, host));
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    if (ctx.signal.aborted) throw new NodeOperationError('The execution was cancelled');
    try {
      out.push(await runItem(ctx, redis, operation, items[i], i));
    } catch (err) {
      const error =
        err instanceof NonRetriableError
          ? err
          : new NodeOperationError((err as Error).message, { itemIndex: i, cause: err });
      if (!ctx.continueOnFail) throw error;
      out.push({ json: { error: error.message }, pairedItem: { item: i } });
    }
  }
  return [out];
}

export const redisNode: NodeType = { description: redisDescription, execute: executeRedis };
