import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, fixed, opts, paramsSchema, show, str } from './helpers.ts';

export const aggregateProperties = [
  opts(
    'aggregate',
    [
      ['aggregateIndividualFields', 'Individual Fields'],
      ['aggregateAllItemData', 'All Item Data (Into a Single List)'],
    ],
    'aggregateIndividualFields',
  ),
  fixed(
    'fieldsToAggregate',
    [
      {
        name: 'fieldToAggregate',
        values: [str('fieldToAggregate'), bool('renameField'), str('outputFieldName')],
      },
    ],
    show({ aggregate: ['aggregateIndividualFields'] }),
  ),
  str('destinationFieldName', 'data', show({ aggregate: ['aggregateAllItemData'] })),
  opts(
    'include',
    ['allFields', 'specifiedFields', 'allFieldsExcept'],
    'allFields',
    show({ aggregate: ['aggregateAllItemData'] }),
  ),
  str('fieldsToExclude', '', show({ include: ['allFieldsExcept'] })),
  str('fieldsToInclude', '', show({ include: ['specifiedFields'] })),
  collection('options', [
    bool('disableDotNotation', false),
    bool('mergeLists', false),
    bool('includeBinaries', false),
    bool('keepOnlyUnique', false),
    bool('keepMissing', false),
  ]),
];

/** Aggregate: combines fields of many items into lists on one item. */
export const aggregateDescription: NodeDescription = {
  type: 'aggregate',
  displayName: 'Aggregate',
  description: 'Combines a field from many items into a list in a single item',
  group: 'transform',
  pure: true,
  versions: [1],
  icon: 'layers',
  inputs: 1,
  outputs: 1,
  properties: aggregateProperties,
  parameterSchema: paramsSchema({
    aggregate: z.enum(['aggregateIndividualFields', 'aggregateAllItemData']).optional(),
  }),
};
