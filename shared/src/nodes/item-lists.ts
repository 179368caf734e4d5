import type { NodeDescription } from '../engine/types.ts';
import { aggregateProperties } from './aggregate.ts';
import { opts } from './helpers.ts';
import { limitProperties } from './limit.ts';
import { removeDuplicatesProperties } from './remove-duplicates.ts';
import { sortProperties } from './sort.ts';
import { splitOutProperties } from './split-out.ts';
import { summarizeProperties } from './summarize.ts';

/** Item Lists (deprecated in n8n): each operation is mapped to the node that replaced it. */
export const itemListsDescription: NodeDescription = {
  type: 'itemLists',
  displayName: 'Item Lists (legacy)',
  description:
    'Legacy list operations; each maps to Split Out, Aggregate, Summarize, Sort, Limit or Remove Duplicates',
  group: 'transform',
  pure: true,
  versions: [1, 2, 2.1, 2.2, 3, 3.1],
  icon: 'list',
  inputs: 1,
  outputs: 1,
  properties: [
    opts(
      'operation',
      [
        ['splitOutItems', 'Split Out Items'],
        ['aggregateItems', 'Concatenate Items'],
        ['concatenateItems', 'Concatenate Items'],
        ['summarize', 'Summarize'],
        ['sort', 'Sort'],
        ['limit', 'Limit'],
        ['removeDuplicates', 'Remove Duplicates'],
      ],
      'splitOutItems',
    ),
    ...[
      ...splitOutProperties,
      ...aggregateProperties,
      ...summarizeProperties,
      ...sortProperties,
      ...limitProperties,
      ...removeDuplicatesProperties,
    ].filter((p) => p.name !== 'options' && p.name !== 'operation'),
  ],
};
