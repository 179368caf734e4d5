import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, ex, num, paramsSchema, show } from './helpers.ts';

/**
 * Loop Over Items (Split in Batches). v3: output 0 "done" (all processed items once finished),
 * output 1 "loop" (the next batch). v1–v2: output 0 is the batch, `noItemsLeft` in the context.
 */
export const splitInBatchesDescription: NodeDescription = {
  type: 'splitInBatches',
  displayName: 'Loop Over Items (Split in Batches)',
  description: 'Splits items into batches and loops over them; the only node that may close a cycle',
  group: 'flow',
  versions: [1, 2, 3],
  icon: 'repeat',
  inputs: 1,
  outputs: (_p, v) => (v >= 3 ? 2 : 1),
  outputNames: (_p, v) => (v >= 3 ? ['done', 'loop'] : ['']),
  keywords: ['loop', 'batch', 'iterate'],
  properties: [
    // n8n's default batch size differs by version, and exports omit defaults
    num('batchSize', 1, { typeOptions: { minValue: 1 }, ...show({ '@version': [3] }) }),
    num('batchSize', 10, { typeOptions: { minValue: 1 }, ...show({ '@version': [1, 2] }) }),
    collection('options', [bool('reset', false)]),
  ],
  parameterSchema: paramsSchema({ batchSize: ex(z.number().int().min(1)).optional() }),
};
