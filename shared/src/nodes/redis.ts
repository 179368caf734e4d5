import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, num, opts, paramsSchema, show, str } from './helpers.ts';

/** Redis: get / set / delete / incr / keys / publish / push / pop. */
export const redisDescription: NodeDescription = {
  type: 'redis',
  displayName: 'Redis',
  description: 'Reads and writes Redis keys, lists and channels',
  group: 'input',
  versions: [1],
  icon: 'database',
  inputs: 1,
  outputs: 1,
  credentials: [{ name: 'redis', required: true }],
  properties: [
    opts('operation', ['delete', 'get', 'incr', 'info', 'keys', 'pop', 'publish', 'push', 'set'], 'info'),
    str('key', '', { required: true, ...show({ operation: ['delete', 'get', 'incr', 'set'] }) }),
    str('propertyName', 'propertyName', show({ operation: ['get'] })),
    opts(
      'keyType',
      ['automatic', 'hash', 'list', 'sets', 'string'],
      'automatic',
      show({ operation: ['get', 'set'] }),
    ),
    str('value', '', show({ operation: ['set'] })),
    bool('valueIsJSON', true, show({ operation: ['set'], keyType: ['hash'] })),
    bool('expire', false, show({ operation: ['set', 'incr'] })),
    num('ttl', 60, show({ expire: [true] })),
    str('keyPattern', '', { required: true, ...show({ operation: ['keys'] }) }),
    bool('getValues', true, show({ operation: ['keys'] })),
    str('channel', '', { required: true, ...show({ operation: ['publish'] }) }),
    str('messageData', '', { required: true, ...show({ operation: ['publish', 'push'] }) }),
    str('list', '', { required: true, ...show({ operation: ['push', 'pop'] }) }),
    bool('tail', false, show({ operation: ['push', 'pop'] })),
  ],
  parameterSchema: paramsSchema({
    operation: z.enum(['delete', 'get', 'incr', 'info', 'keys', 'pop', 'publish', 'push', 'set']).optional(),
    ttl: z.union([z.number().int().min(1), z.string()]).optional(),
  }),
};
