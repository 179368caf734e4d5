import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, opts, paramsSchema, show, str } from './helpers.ts';

export const splitOutProperties = [
  str('fieldToSplitOut', '', { required: true, description: 'Comma-separated field names (dot paths)' }),
  opts('include', ['noOtherFields', 'allOtherFields', 'selectedOtherFields'], 'noOtherFields'),
  str('fieldsToInclude', '', show({ include: ['selectedOtherFields'] })),
  collection('options', [
    bool('disableDotNotation', false),
    str('destinationFieldName', ''),
    bool('includeBinary', false),
  ]),
];

/** Split Out: turns a list field into one item per element. */
export const splitOutDescription: NodeDescription = {
  type: 'splitOut',
  displayName: 'Split Out',
  description: 'Turns a list inside items into separate items',
  group: 'transform',
  pure: true,
  versions: [1],
  icon: 'split',
  inputs: 1,
  outputs: 1,
  properties: splitOutProperties,
  parameterSchema: paramsSchema({ fieldToSplitOut: z.string().min(1, 'Field To Split Out is required') }),
};
