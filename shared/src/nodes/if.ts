import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, FilterValue, fixed, opts, param, paramsSchema, show } from './helpers.ts';

const V2 = [2, 2.1, 2.2];

/** If v1 condition groups: `{ boolean|number|string|dateTime: [{ value1, operation, value2 }] }`. */
/**
 * The condition parameters If and Filter share: v2's typed `conditions` (filter type) with its options, and v1's
 * legacy condition groups.
 */
export function conditionProperties() {
  return [
    param(
      'conditions',
      'filter',
      {
        options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
        conditions: [],
        combinator: 'and',
      },
      show({ '@version': V2 }),
    ),
    bool('looseTypeValidation', false, show({ '@version': [2.1, 2.2] })),
    collection(
      'options',
      [bool('ignoreCase', false), bool('looseTypeValidation', false)],
      show({ '@version': V2 }),
    ),
    legacyConditions(),
  ];
}

export function legacyConditions(name = 'conditions') {
  const row = (type: string, ops: string[]) => ({
    name: type,
    values: [
      param(
        'value1',
        type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string',
        type === 'number' ? 0 : '',
      ),
      opts('operation', ops),
      param(
        'value2',
        type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string',
        type === 'number' ? 0 : '',
      ),
    ],
  });
  return fixed(
    name,
    [
      row('boolean', ['equal', 'notEqual']),
      row('dateTime', ['after', 'before']),
      row('number', [
        'smaller',
        'smallerEqual',
        'equal',
        'notEqual',
        'larger',
        'largerEqual',
        'isEmpty',
        'isNotEmpty',
      ]),
      row('string', [
        'contains',
        'notContains',
        'endsWith',
        'notEndsWith',
        'equal',
        'notEqual',
        'regex',
        'notRegex',
        'startsWith',
        'notStartsWith',
        'isEmpty',
        'isNotEmpty',
      ]),
    ],
    show({ '@version': [1] }),
  );
}

/** If: routes each item to "true" or "false" by typed conditions (v2) or legacy condition groups (v1). */
export const ifDescription: NodeDescription = {
  type: 'if',
  displayName: 'If',
  description: 'Routes items to true/false outputs by conditions',
  group: 'flow',
  pure: true,
  versions: [1, ...V2],
  icon: 'git-branch',
  inputs: 1,
  outputs: 2,
  outputNames: ['true', 'false'],
  keywords: ['condition', 'branch'],
  properties: [
    ...conditionProperties(),
    opts(
      'combineOperation',
      [
        ['all', 'ALL'],
        ['any', 'ANY'],
      ],
      'all',
      show({ '@version': [1] }),
    ),
  ],
  parameterSchema: paramsSchema({
    conditions: z.union([FilterValue, z.record(z.string(), z.unknown())]).optional(),
    combineOperation: z.enum(['all', 'any']).optional(),
  }),
};
