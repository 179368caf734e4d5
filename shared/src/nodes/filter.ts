import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { FilterValue, opts, paramsSchema, show } from './helpers.ts';
import { conditionProperties } from './if.ts';

const V2 = [2, 2.1, 2.2];

/** Filter: keeps items matching the conditions (v2 filter type; v1 legacy groups). Kept/discarded counts in run data. */
export const filterDescription: NodeDescription = {
  type: 'filter',
  displayName: 'Filter',
  description: 'Keeps only the items that match the conditions',
  group: 'flow',
  pure: true,
  versions: [1, ...V2],
  icon: 'filter',
  inputs: 1,
  outputs: 1,
  properties: [
    ...conditionProperties(),
    opts(
      'combineConditions',
      [
        ['AND', 'AND'],
        ['OR', 'OR'],
      ],
      'AND',
      show({ '@version': [1] }),
    ),
  ],
  parameterSchema: paramsSchema({
    conditions: z.union([FilterValue, z.record(z.string(), z.unknown())]).optional(),
  }),
};
