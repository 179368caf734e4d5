import { createHash, createHmac, createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { executeCrypto } from './crypto.ts';
import { executeExecutionData } from './execution-data.ts';

const run = (parameters: Record<string, unknown>, items: unknown[] = [{ json: { keep: 1 } }]) =>
  jsonOf(executeCrypto(makeNodeContext({ parameters: parameters as never, items: items as never }).ctx));

describe('Crypto node', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['MD5 hex', { action: 'hash', type: 'MD5', value: 'abc' }, createHash('md5').update('abc').digest('hex')],
    [
      'SHA256 base64',
      { action: 'hash', type: 'SHA256', value: 'abc', encoding: 'base64' },
      createHash('sha256').update('abc').digest('base64'),
    ],
    [
      'SHA3-512',
      { action: 'hash', type: 'SHA3-512', value: 'abc' },
      createHash('sha3-512').update('abc').digest('hex'),
    ],
    [
      'HMAC SHA256',
      { action: 'hmac', type: 'SHA256', value: 'msg', secret: 'k' },
      createHmac('sha256', 'k').update('msg').digest('hex'),
    ],
  ];
  it.each(cases)('%s', (_name, parameters, expected) => {
    expect(run({ dataPropertyName: 'out', ...parameters })).toEqual([{ keep: 1, out: expected }]);
  });

  it('hashes binary data and writes dot paths', () => {
    const items = [
      {
        json: {},
        binary: { data: { data: Buffer.from('file').toString('base64'), mimeType: 'text/plain' } },
      },
    ];
    expect(run({ action: 'hash', type: 'SHA1', binaryData: true, dataPropertyName: 'a.b' }, items)).toEqual([
      { a: { b: createHash('sha1').update('file').digest('hex') } },
    ]);
  });

  it('signs with a private key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const [out] = run({
      action: 'sign',
      value: 'data',
      privateKey: pem,
      dataPropertyName: 'sig',
      encoding: 'base64',
    }) as { sig: string }[];
    expect(createVerify('RSA-SHA256').update('data').verify(publicKey, out.sig, 'base64')).toBe(true);
  });

  it('generates UUIDs and random strings', () => {
    const [u] = run({ action: 'generate', encodingType: 'uuid' }) as { data: string }[];
    expect(u.data).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [h] = run({ action: 'generate', encodingType: 'hex', stringLength: 17 }) as { data: string }[];
    expect(h.data).toMatch(/^[0-9a-f]{17}$/);
    const [a] = run({ action: 'generate', encodingType: 'ascii', stringLength: 40 }) as { data: string }[];
    expect(a.data).toMatch(/^[A-Za-z0-9]{40}$/);
    const two = run({ action: 'generate' }, [{ json: {} }, { json: {} }]) as { data: string }[];
    expect(two[0].data).not.toBe(two[1].data);
  });

  it('rejects bad input clearly', () => {
    expect(() => run({ action: 'hash', type: 'CRC32', value: 'x' })).toThrow(/Unknown hash type/);
    expect(() => run({ action: 'sign', value: 'x', privateKey: 'not a key' })).toThrow(/Signing failed/);
    expect(() => run({ action: 'generate', encodingType: 'hex', stringLength: 0 })).toThrow(/Length must be/);
    expect(() => run({ action: 'hash', value: 'x', dataPropertyName: '__proto__.x' })).toThrow(
      /Invalid property name/,
    );
  });
});

describe('Execution Data node', () => {
  it('stores custom data on the execution and passes items through', () => {
    const { ctx } = makeNodeContext({
      parameters: {
        dataToSave: {
          values: [
            { key: 'orderId', value: '={{ $json.id }}' },
            { key: 'obj', value: '={{ { a: 1 } }}' },
          ],
        },
      },
      items: [{ json: { id: 7 } }],
    });
    expect(jsonOf(executeExecutionData(ctx))).toEqual([{ id: 7 }]);
    expect(ctx.execution.customData).toEqual({ orderId: '7', obj: '{"a":1}' });
  });

  it('enforces the limits', () => {
    const many = Array.from({ length: 11 }, (_, k) => ({ key: `k${k}`, value: 'v' }));
    const { ctx } = makeNodeContext({ parameters: { dataToSave: { values: many } } });
    expect(() => executeExecutionData(ctx)).toThrow(/at most 10/);
    const long = makeNodeContext({
      parameters: { dataToSave: { values: [{ key: 'x'.repeat(51), value: 'v' }] } },
    });
    expect(() => executeExecutionData(long.ctx)).toThrow(/longer than 50/);
    const big = makeNodeContext({
      parameters: { dataToSave: { values: [{ key: 'k', value: 'y'.repeat(300) }] } },
    });
    executeExecutionData(big.ctx);
    expect(big.ctx.execution.customData.k).toHaveLength(255);
  });
});
