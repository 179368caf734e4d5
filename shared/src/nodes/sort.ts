import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, fixed, opts, param, paramsSchema, show, str } from './helpers.ts';

export const sortProperties = [
  opts('type', ['simple', 'random', 'code'], 'simple'),
  fixed(
    'sortFieldsUi',
    [
      {
        name: 'sortField',
        values: [
          str('fieldName'),
          opts(
            'order',
            [
              ['ascending', 'Ascending'],
              ['descending', 'Descending'],
            ],
            'ascending',
          ),
        ],
      },
    ],
    show({ type: ['simple'] }),
  ),
  param(
    'code',
    'code',
    '// a and b are items\nif (a.json.x < b.json.x) return -1;\nreturn 1;',
    show({ type: ['code'] }),
  ),
  collection('options', [bool('disableDotNotation', false)], show({ type: ['simple'] })),
];

/** Sort: orders items by fields, randomly, or with a compare function. */
export const sortDescription: NodeDescription = {
  type: 'sort',
  displayName: 'Sort',
  description: 'Changes the order of items',
  group: 'transform',
  pure: true,
  versions: [1],
  icon: 'sort',
  inputs: 1,
  outputs: 1,
  properties: sortProperties,
  parameterSchema: paramsSchema({ type: z.enum(['simple', 'random', 'code']).optional() }),
};
