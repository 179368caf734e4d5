import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { ex, num, opts, paramsSchema } from './helpers.ts';

export const limitProperties = [
  num('maxItems', 1, { typeOptions: { minValue: 1 } }),
  opts('keep', ['firstItems', 'lastItems'], 'firstItems'),
];

/** Limit: keeps the first or last N items. */
export const limitDescription: NodeDescription = {
  type: 'limit',
  displayName: 'Limit',
  description: 'Restricts the number of items',
  group: 'transform',
  pure: true,
  versions: [1],
  icon: 'scissors',
  inputs: 1,
  outputs: 1,
  properties: limitProperties,
  parameterSchema: paramsSchema({
    maxItems: ex(z.number().int().min(1)).optional(),
    keep: z.enum(['firstItems', 'lastItems']).optional(),
  }),
};
