import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import {
  ASSIGNMENT_TYPES,
  bool,
  collection,
  fixed,
  json,
  num,
  opts,
  param,
  paramsSchema,
  show,
  str,
} from './helpers.ts';

const V34 = [3.3, 3.4];
const V3 = [3, 3.1, 3.2, ...V34];
const V30 = [3, 3.1, 3.2];

/**
 * Edit Fields (Set). v3.3+: `assignments.assignments[] {id, name, value, type}`; v3.0–3.2: `fields.values[]`
 * with typed `stringValue/numberValue/…`; raw mode: `jsonOutput`. v1–v2: `values.{string,number,boolean}[]` + keepOnlySet.
 */
export const setDescription: NodeDescription = {
  type: 'set',
  displayName: 'Edit Fields (Set)',
  description: 'Adds, modifies or removes item fields',
  group: 'transform',
  pure: true,
  versions: [1, 2, ...V3],
  icon: 'pen',
  inputs: 1,
  outputs: 1,
  keywords: ['set', 'edit', 'fields', 'map'],
  properties: [
    opts(
      'mode',
      [
        ['manual', 'Manual Mapping'],
        ['raw', 'JSON'],
      ],
      'manual',
      show({ '@version': V3 }),
    ),
    bool('duplicateItem', false, show({ '@version': V3 })),
    num('duplicateCount', 0, show({ duplicateItem: [true] })),
    param(
      'assignments',
      'assignmentCollection',
      { assignments: [] },
      show({ '@version': V34, mode: ['manual'] }),
    ),
    fixed(
      'fields',
      [
        {
          name: 'values',
          values: [
            str('name'),
            opts(
              'type',
              ['stringValue', 'numberValue', 'booleanValue', 'arrayValue', 'objectValue'],
              'stringValue',
            ),
            str('stringValue'),
            num('numberValue'),
            bool('booleanValue'),
            str('arrayValue'),
            json('objectValue'),
          ],
        },
      ],
      show({ '@version': V30, mode: ['manual'] }),
    ),
    json(
      'jsonOutput',
      '{\n  "my_field_1": "value",\n  "my_field_2": 1\n}',
      show({ '@version': V3, mode: ['raw'] }),
    ),
    bool('includeOtherFields', false, show({ '@version': V34 })),
    opts('include', ['all', 'none', 'selected', 'except'], 'all', show({ '@version': V3 })),
    str('includeFields', '', show({ include: ['selected'] })),
    str('excludeFields', '', show({ include: ['except'] })),
    collection('options', [
      bool('dotNotation', true),
      bool('ignoreConversionErrors', false),
      bool('includeBinary', true),
      bool('stripBinary', true),
    ]),
    bool('keepOnlySet', false, show({ '@version': [1, 2] })),
    fixed(
      'values',
      [
        { name: 'boolean', values: [str('name'), bool('value')] },
        { name: 'number', values: [str('name'), num('value')] },
        { name: 'string', values: [str('name'), str('value')] },
      ],
      show({ '@version': [1, 2] }),
    ),
  ],
  parameterSchema: paramsSchema({
    mode: z.enum(['manual', 'raw']).optional(),
    assignments: z
      .looseObject({
        assignments: z
          .array(
            z.looseObject({
              name: z.string(),
              value: z.unknown(),
              type: z.enum(ASSIGNMENT_TYPES).optional(),
            }),
          )
          .optional(),
      })
      .optional(),
    keepOnlySet: z.union([z.boolean(), z.string()]).optional(),
  }),
};
