import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, num, opts, paramsSchema, show, str } from './helpers.ts';

const HASHES = ['MD5', 'SHA256', 'SHA3-256', 'SHA3-384', 'SHA3-512', 'SHA384', 'SHA512', 'SHA1'];

/** Crypto: hash, HMAC, sign, or generate random values / UUIDs. */
export const cryptoDescription: NodeDescription = {
  type: 'crypto',
  displayName: 'Crypto',
  description: 'Hashes, signs or generates random values',
  group: 'transform',
  pure: true,
  versions: [1],
  icon: 'lock',
  inputs: 1,
  outputs: 1,
  properties: [
    opts('action', ['generate', 'hash', 'hmac', 'sign'], 'hash'),
    bool('binaryData', false, show({ action: ['hash', 'hmac'] })),
    str('binaryPropertyName', 'data', show({ binaryData: [true] })),
    opts('type', HASHES, 'MD5', show({ action: ['hash', 'hmac'] })),
    str('value', '', show({ action: ['hash', 'hmac', 'sign'] })),
    str('dataPropertyName', 'data', { required: true }),
    opts('encoding', ['base64', 'hex'], 'hex', show({ action: ['hash', 'hmac', 'sign'] })),
    str('secret', '', { required: true, typeOptions: { password: true }, ...show({ action: ['hmac'] }) }),
    str('algorithm', 'RSA-SHA256', show({ action: ['sign'] })),
    str('privateKey', '', {
      required: true,
      typeOptions: { password: true, rows: 4 },
      ...show({ action: ['sign'] }),
    }),
    opts('encodingType', ['ascii', 'base64', 'hex', 'uuid'], 'uuid', show({ action: ['generate'] })),
    num('stringLength', 32, show({ action: ['generate'], encodingType: ['ascii', 'base64', 'hex'] })),
  ],
  parameterSchema: paramsSchema({ action: z.enum(['generate', 'hash', 'hmac', 'sign']).optional() }),
};
