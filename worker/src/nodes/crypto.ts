import {
  createHash,
  createHmac,
  createSign,
  getHashes,
  randomBytes,
  randomInt,
  randomUUID,
} from 'node:crypto';
import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { cryptoDescription } from '@tandem/shared/nodes';

const ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA384: 'sha384',
  SHA512: 'sha512',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Sets a dot-path property on a copy-safe json object (no prototype keys). */
export function setProperty(json: JsonObject, path: string, value: unknown): void {
  const parts = path.split('.');
  if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype' || p === '')) {
    throw new NonRetriableError(`Invalid property name "${path}"`);
  }
  let cur = json;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null || Array.isArray(cur[p])) cur[p] = {};
    cur = cur[p] as JsonObject;
  }
  cur[parts[parts.length - 1]] = value;
}

function algorithm(type: string, i: number): string {
  const algo = ALGORITHMS[type];
  if (!algo || !getHashes().includes(algo))
    throw new NonRetriableError(`Unknown hash type "${type}"`, { itemIndex: i });
  return algo;
}

function input(ctx: NodeRunContext, item: Item, i: number): Buffer | string {
  if (ctx.getNodeParameter('binaryData', i, false) === true) {
    const name = String(ctx.getNodeParameter('binaryPropertyName', i, 'data'));
    const bin = item.binary?.[name];
    if (!bin) throw new NonRetriableError(`The item has no binary field "${name}"`, { itemIndex: i });
    return Buffer.from(bin.data, 'base64');
  }
  const value = ctx.getNodeParameter('value', i, '');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function generate(kind: string, length: number, i: number): string {
  if (kind === 'uuid') return randomUUID();
  if (!Number.isInteger(length) || length < 1 || length > 10_000) {
    throw new NonRetriableError('Length must be a whole number from 1 to 10,000', { itemIndex: i });
  }
  if (kind === 'hex')
    return randomBytes(Math.ceil(length / 2))
      .toString('hex')
      .slice(0, length);
  if (kind === 'base64') return randomBytes(length).toString('base64').slice(0, length);
  if (kind === 'ascii') return Array.from({ length }, () => ALNUM[randomInt(ALNUM.length)]).join('');
  throw new NonRetriableError(`Unknown encoding type "${kind}"`, { itemIndex: i });
}

function compute(ctx: NodeRunContext, action: string, item: Item, i: number): string {
  const encoding = ctx.getNodeParameter('encoding', i, 'hex') === 'base64' ? 'base64' : 'hex';
  switch (action) {
    case 'hash':
      return createHash(algorithm(String(ctx.getNodeParameter('type', i, 'MD5')), i))
        .update(input(ctx, item, i))
        .digest(encoding);
    case 'hmac': {
      const secret = String(ctx.getNodeParameter('secret', i, ''));
      const algo = algorithm(String(ctx.getNodeParameter('type', i, 'MD5')), i);
      return createHmac(algo, secret)
        .update(input(ctx, item, i))
        .digest(encoding);
    }
    case 'sign': {
      const key = String(ctx.getNodeParameter('privateKey', i, ''));
      if (!key.trim()) throw new NonRetriableError('The private key is empty', { itemIndex: i });
      try {
        return createSign(String(ctx.getNodeParameter('algorithm', i, 'RSA-SHA256')))
          .update(input(ctx, item, i))
          .sign(key, encoding);
      } catch (err) {
        throw new NonRetriableError(`Signing failed: ${(err as Error).message}`, { itemIndex: i });
      }
    }
    case 'generate':
      return generate(
        String(ctx.getNodeParameter('encodingType', i, 'uuid')),
        Number(ctx.getNodeParameter('stringLength', i, 32)),
        i,
      );
    default:
      throw new NonRetriableError(`Unknown action "${action}"`);
  }
}

/** Crypto: hash, HMAC, sign or generate a random value/UUID into `dataPropertyName` (dot path) of each item. */
export function executeCrypto(ctx: NodeRunContext): NodeOutput {
  const items = ctx.inputs[0] ?? [];
  const action = String(ctx.getNodeParameter('action', 0, 'hash'));
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      const json = structuredClone(items[i].json);
      setProperty(
        json,
        String(ctx.getNodeParameter('dataPropertyName', i, 'data') || 'data'),
        compute(ctx, action, items[i], i),
      );
      out.push({ json, ...(items[i].binary ? { binary: items[i].binary } : {}), pairedItem: { item: i } });
    } catch (err) {
      if (!ctx.continueOnFail) throw err;
      out.push({ json: { error: (err as Error).message }, pairedItem: { item: i } });
    }
  }
  return [out];
}

export const cryptoNode: NodeType = { description: cryptoDescription, execute: executeCrypto };
