import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { NonRetriableError } from '@tandem/shared/engine';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../http/index.ts';
import { jsonOf, makeNodeContext, waitFor } from '../test-support/index.ts';
import { closeRedisClients, executeRedis } from './redis.ts';

/** This machine's own name, when it resolves to a private address: proves the check follows DNS. */
const privateNames = await lookup(hostname()).then(
  (a) => (isPrivateAddress(a.address) ? [hostname()] : []),
  () => [],
);

const prefix = `tandem_t_${randomBytes(4).toString('hex')}:`;
const k = (name: string) => `${prefix}${name}`;
const credentials = { redis: { host: '127.0.0.1', port: 6379 } };
const direct = new Redis({ host: '127.0.0.1', port: 6379 });
/** The test Redis is on loopback: these tests relax the SSRF policy like an admin would. */
const privateOk = { http: { ssrf: { allowPrivateNetworks: true } } };

afterAll(async () => {
  const keys = await direct.keys(`${prefix}*`);
  if (keys.length) await direct.del(...keys);
  direct.disconnect();
  await closeRedisClients();
});

async function run(
  parameters: Record<string, unknown>,
  items: { json: Record<string, unknown> }[] = [{ json: {} }],
  extra = {},
) {
  const { ctx } = makeNodeContext({
    parameters: parameters as never,
    items: items as never,
    credentials,
    services: privateOk,
    ...extra,
  });
  return jsonOf(await executeRedis(ctx));
}

describe('Redis node', () => {
  it('sets and gets strings, hashes, lists and sets', async () => {
    await run({ operation: 'set', key: k('s'), value: 'hello' });
    await run({ operation: 'set', key: k('h'), keyType: 'hash', value: '{"a":"1","b":2}' });
    await run({ operation: 'set', key: k('l'), keyType: 'list', value: '["x","y"]' });
    await run({ operation: 'set', key: k('z'), keyType: 'sets', value: '["m"]' });
    const cases: [string, unknown][] = [
      ['s', 'hello'],
      ['h', { a: '1', b: '2' }],
      ['l', ['x', 'y']],
      ['z', ['m']],
      ['missing', null],
    ];
    for (const [name, expected] of cases) {
      const [out] = await run({ operation: 'get', key: k(name), propertyName: 'result.value' }, [
        { json: { keep: 1 } },
      ]);
      expect(out, name).toEqual({ keep: 1, result: { value: expected } });
    }
  });

  it('uses expressions per item and expires keys', async () => {
    await run(
      {
        operation: 'set',
        key: `=${k('item-')}{{ $json.id }}`,
        value: '={{ $json.v }}',
        expire: true,
        ttl: 100,
      },
      [{ json: { id: 1, v: 'one' } }, { json: { id: 2, v: 'two' } }],
    );
    expect(await direct.mget(k('item-1'), k('item-2'))).toEqual(['one', 'two']);
    expect(await direct.ttl(k('item-1'))).toBeGreaterThan(90);
  });

  it('increments, deletes and lists keys', async () => {
    expect(await run({ operation: 'incr', key: k('n') })).toEqual([{ [k('n')]: 1 }]);
    expect(await run({ operation: 'incr', key: k('n') })).toEqual([{ [k('n')]: 2 }]);
    await run({ operation: 'delete', key: k('n') });
    expect(await direct.exists(k('n'))).toBe(0);
    const [keys] = await run({ operation: 'keys', keyPattern: `${k('item-')}*` });
    expect(keys).toEqual({ [k('item-1')]: 'one', [k('item-2')]: 'two' });
    const [names] = await run({ operation: 'keys', keyPattern: `${k('item-')}*`, getValues: false });
    expect((names as { keys: string[] }).keys.sort()).toEqual([k('item-1'), k('item-2')]);
  });

  it('pushes and pops (head or tail), parsing JSON values', async () => {
    await run({ operation: 'push', list: k('q'), messageData: '={{ JSON.stringify($json) }}' }, [
      { json: { a: 1 } },
      { json: { a: 2 } },
    ]);
    await run({ operation: 'push', list: k('q'), messageData: 'tail', tail: true });
    expect(await run({ operation: 'pop', list: k('q'), propertyName: 'msg' })).toEqual([{ msg: { a: 2 } }]);
    expect(await run({ operation: 'pop', list: k('q'), tail: true, propertyName: 'msg' })).toEqual([
      { msg: 'tail' },
    ]);
  });

  it('publishes to a channel', async () => {
    const sub = new Redis({ host: '127.0.0.1', port: 6379 });
    const got: string[] = [];
    try {
      await sub.subscribe(k('chan'));
      sub.on('message', (_c, m) => got.push(m));
      await run({ operation: 'publish', channel: k('chan'), messageData: 'ping' });
      await waitFor(() => got.length > 0);
      expect(got).toEqual(['ping']);
    } finally {
      sub.disconnect();
    }
  });

  it('fails clearly when the server is unreachable', async () => {
    const { ctx } = makeNodeContext({
      parameters: { operation: 'get', key: 'x' },
      credentials: { redis: { host: '127.0.0.1', port: 1 } },
      services: privateOk,
    });
    await expect(executeRedis(ctx)).rejects.toThrow(/ECONNREFUSED|max retries|Connection is closed/);
  });

  it("cannot reach loopback or private addresses (Tandem's own Redis) under the default SSRF policy", async () => {
    const marker = k('ssrf');
    for (const host of ['127.0.0.1', 'localhost', '::ffff:127.0.0.1', '10.0.0.5', '', ...privateNames]) {
      for (const services of [{}, { http: {} }, { http: { ssrf: { allowedHosts: ['example.com'] } } }]) {
        const { ctx } = makeNodeContext({
          parameters: { operation: 'set', key: marker, value: 'pwned' },
          credentials: { redis: { host, port: 6379 } },
          services,
        });
        const err = await executeRedis(ctx).catch((e: unknown) => e);
        expect(err, `${host} ${JSON.stringify(services)}`).toBeInstanceOf(NonRetriableError);
        expect((err as Error).message).toMatch(
          /are blocked: it is a private, loopback or link-local address/,
        );
      }
    }
    expect(await direct.exists(marker)).toBe(0);
    // an admin's allow-list entry lets exactly that host through
    const { ctx } = makeNodeContext({
      parameters: { operation: 'set', key: marker, value: 'ok' },
      credentials: { redis: { host: '127.0.0.1', port: 6379 } },
      services: { http: { ssrf: { allowedHosts: ['127.0.0.1'] } } },
    });
    await executeRedis(ctx);
    expect(await direct.get(marker)).toBe('ok');
  });

  it('reports server info and fails clearly', async () => {
    const [info] = await run({ operation: 'info' });
    expect(info).toHaveProperty('redis_version');
    await expect(run({ operation: 'get', key: '' })).rejects.toThrow(/key is empty/);
    await expect(run({ operation: 'set', key: k('bad'), keyType: 'hash', value: '[1]' })).rejects.toThrow(
      /JSON object/,
    );
    await expect(run({ operation: 'get', key: k('x'), propertyName: '__proto__.polluted' })).rejects.toThrow(
      /Invalid property/,
    );
    await direct.set(k('wrongtype'), 'x');
    const out = await run({ operation: 'pop', list: k('wrongtype') }, [{ json: {} }], {
      continueOnFail: true,
    });
    expect(out[0]).toEqual({ error: expect.stringMatching(/WRONGTYPE/) });
  });
});
