import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, hide, num, opts, paramsSchema, show, str } from './helpers.ts';

export const removeDuplicatesProperties = [
  opts(
    'operation',
    ['removeDuplicateInputItems', 'removeItemsSeenInPreviousExecutions', 'clearDeduplicationHistory'],
    'removeDuplicateInputItems',
    show({ '@version': [2] }),
  ),
  opts(
    'logic',
    ['removeItemsWithAlreadySeenKeyValues'],
    'removeItemsWithAlreadySeenKeyValues',
    show({ operation: ['removeItemsSeenInPreviousExecutions'] }),
  ),
  str('dedupeValue', '', { required: true, ...show({ operation: ['removeItemsSeenInPreviousExecutions'] }) }),
  opts(
    'compare',
    ['allFields', 'allFieldsExcept', 'selectedFields'],
    'allFields',
    hide({ operation: ['removeItemsSeenInPreviousExecutions', 'clearDeduplicationHistory'] }),
  ),
  str('fieldsToExclude', '', show({ compare: ['allFieldsExcept'] })),
  str('fieldsToCompare', '', show({ compare: ['selectedFields'] })),
  collection('options', [
    bool('disableDotNotation', false),
    bool('removeOtherFields', false),
    num('historySize', 10000),
  ]),
];

/** Remove Duplicates: drops items equal to an earlier one on all, all-but, or selected fields. */
export const removeDuplicatesDescription: NodeDescription = {
  type: 'removeDuplicates',
  displayName: 'Remove Duplicates',
  description: 'Removes items that match an earlier item',
  group: 'transform',
  versions: [1, 1.1, 2],
  icon: 'copy',
  inputs: 1,
  outputs: 1,
  properties: removeDuplicatesProperties,
  parameterSchema: paramsSchema({
    compare: z.enum(['allFields', 'allFieldsExcept', 'selectedFields']).optional(),
  }),
};
