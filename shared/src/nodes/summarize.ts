import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, fixed, opts, paramsSchema, show, str } from './helpers.ts';

export const AGGREGATIONS = [
  'append',
  'average',
  'concatenate',
  'count',
  'countUnique',
  'max',
  'min',
  'sum',
] as const;

export const summarizeProperties = [
  fixed('fieldsToSummarize', [
    {
      name: 'values',
      values: [
        opts('aggregation', [...AGGREGATIONS], 'count'),
        str('field', ''),
        bool('includeEmpty', false, show({ aggregation: ['append', 'concatenate', 'countUnique'] })),
        opts(
          'separateBy',
          ['comma', 'newLine', 'space', 'other'],
          'comma',
          show({ aggregation: ['concatenate'] }),
        ),
        str('customSeparator', '', show({ separateBy: ['other'] })),
      ],
    },
  ]),
  str('fieldsToSplitBy', '', { description: 'Comma-separated fields to group by' }),
  collection('options', [
    bool('continueIfFieldNotFound', false),
    bool('disableDotNotation', false),
    opts('outputFormat', ['separateItems', 'singleItem'], 'separateItems'),
    bool('skipEmptySplitFields', false),
  ]),
];

/** Summarize: group by fields and count/sum/average/min/max/concatenate (like a pivot table). */
export const summarizeDescription: NodeDescription = {
  type: 'summarize',
  displayName: 'Summarize',
  description: 'Groups items and computes count, sum, average, min, max…',
  group: 'transform',
  pure: true,
  versions: [1, 1.1],
  icon: 'sigma',
  inputs: 1,
  outputs: 1,
  properties: summarizeProperties,
  parameterSchema: paramsSchema({
    fieldsToSummarize: z
      .looseObject({
        values: z
          .array(z.looseObject({ aggregation: z.enum(AGGREGATIONS).optional(), field: z.string() }))
          .optional(),
      })
      .optional(),
  }),
};
