import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import type { NodeParameters } from '../schema/workflow.ts';
import {
  bool,
  collection,
  FilterValue,
  fixed,
  num,
  opts,
  param,
  paramsSchema,
  show,
  str,
} from './helpers.ts';

const V3 = [3, 3.1, 3.2];

function fallbackExtra(p: NodeParameters): number {
  return (p.options as { fallbackOutput?: unknown } | undefined)?.fallbackOutput === 'extra' ? 1 : 0;
}

/** Outputs: v3 rules → one per rule (+1 for an "extra" fallback); expression mode → numberOutputs; v1 → 4; v2 → outputsAmount. */
export function switchOutputs(p: NodeParameters, v: number): number {
  if (v >= 3) {
    if (p.mode === 'expression') return Number(p.numberOutputs ?? 4);
    const rules = ((p.rules as { values?: unknown[] } | undefined)?.values ?? []).length;
    return rules + fallbackExtra(p);
  }
  if (v === 2) return Number(p.outputsAmount ?? 4);
  return 4;
}

/** Switch: routes items to outputs by rules (filter conditions) or by an expression giving the output index. */
export const switchDescription: NodeDescription = {
  type: 'switch',
  displayName: 'Switch',
  description: 'Routes items to different outputs by rules or an expression',
  group: 'flow',
  pure: true,
  versions: [1, 2, ...V3],
  icon: 'shuffle',
  inputs: 1,
  outputs: switchOutputs,
  outputNames: (p, v) =>
    Array.from({ length: switchOutputs(p, v) }, (_, i) => {
      const rules =
        (p.rules as { values?: { renameOutput?: boolean; outputKey?: string }[] } | undefined)?.values ?? [];
      const r = rules[i];
      if (r?.renameOutput && r.outputKey) return r.outputKey;
      return i === rules.length && fallbackExtra(p) ? 'Fallback' : String(i);
    }),
  properties: [
    opts('mode', ['rules', 'expression'], 'rules'),
    fixed(
      'rules',
      [
        {
          name: 'values',
          values: [
            param('conditions', 'filter', {
              options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
              conditions: [],
              combinator: 'and',
            }),
            bool('renameOutput', false),
            str('outputKey', ''),
          ],
        },
      ],
      show({ '@version': V3, mode: ['rules'] }),
    ),
    num('numberOutputs', 4, show({ '@version': V3, mode: ['expression'] })),
    num('output', 0, { required: true, ...show({ mode: ['expression'] }) }),
    collection(
      'options',
      [
        param('fallbackOutput', 'options', 'none', {
          options: [
            { name: 'None', value: 'none' },
            { name: 'Extra Output', value: 'extra' },
          ],
        }),
        bool('ignoreCase', false),
        bool('allMatchingOutputs', false),
        bool('looseTypeValidation', false),
        str('renameFallbackOutput', ''),
      ],
      show({ '@version': V3 }),
    ),
    opts(
      'dataType',
      ['boolean', 'dateTime', 'number', 'string'],
      'number',
      show({ '@version': [1, 2], mode: ['rules'] }),
    ),
    param('value1', 'string', '', show({ '@version': [1, 2], mode: ['rules'] })),
    fixed(
      'rules',
      [
        {
          name: 'rules',
          values: [
            opts('operation', [
              'equal',
              'notEqual',
              'smaller',
              'smallerEqual',
              'larger',
              'largerEqual',
              'contains',
              'notContains',
              'startsWith',
              'notStartsWith',
              'endsWith',
              'notEndsWith',
              'regex',
              'notRegex',
              'after',
              'before',
            ]),
            param('value2', 'string', ''),
            num('output', 0),
          ],
        },
      ],
      show({ '@version': [1, 2], mode: ['rules'] }),
    ),
    num('fallbackOutput', -1, show({ '@version': [1, 2], mode: ['rules'] })),
    num('outputsAmount', 4, show({ '@version': [2] })),
  ],
  parameterSchema: paramsSchema({
    mode: z.enum(['rules', 'expression']).optional(),
    rules: z
      .looseObject({ values: z.array(z.looseObject({ conditions: FilterValue.optional() })).optional() })
      .optional(),
  }),
};
