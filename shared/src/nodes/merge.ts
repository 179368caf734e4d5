import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, fixed, num, opts, paramsSchema, show, str } from './helpers.ts';

const V3 = [3, 3.1, 3.2];
const V2 = [2, 2.1];

/** Merge: combines its inputs — append, by matching fields (SQL-like joins), by position, all combinations, or choose a branch. */
export const mergeDescription: NodeDescription = {
  type: 'merge',
  displayName: 'Merge',
  description: 'Merges data of multiple inputs once all have data',
  group: 'flow',
  pure: true,
  versions: [1, ...V2, ...V3],
  icon: 'git-merge',
  inputs: (p, v) => (v >= 3 ? Number(p.numberInputs ?? 2) : 2),
  outputs: 1,
  inputNames: ['Input 1', 'Input 2'],
  // n8n: chooseBranch waits for every input; other modes run with whichever inputs received data.
  requiredInputs: (p) => (p.mode === 'chooseBranch' ? [0, 1] : 1),
  properties: [
    opts('mode', ['append', 'combine', 'combineBySql', 'chooseBranch'], 'append', show({ '@version': V3 })),
    num('numberInputs', 2, show({ '@version': V3, mode: ['append', 'chooseBranch'] })),
    opts(
      'combineBy',
      ['combineByFields', 'combineByPosition', 'combineAll'],
      'combineByFields',
      show({ '@version': V3, mode: ['combine'] }),
    ),
    bool('advanced', false, show({ '@version': V3, combineBy: ['combineByFields'] })),
    str(
      'fieldsToMatchString',
      '',
      show({ '@version': V3, combineBy: ['combineByFields'], advanced: [false] }),
    ),
    fixed(
      'mergeByFields',
      [{ name: 'values', values: [str('field1'), str('field2')] }],
      show({ combineBy: ['combineByFields'], advanced: [true] }),
    ),
    opts(
      'joinMode',
      ['keepMatches', 'keepNonMatches', 'keepEverything', 'enrichInput1', 'enrichInput2'],
      'keepMatches',
      show({ combineBy: ['combineByFields'] }),
    ),
    opts(
      'outputDataFrom',
      ['both', 'input1', 'input2'],
      'both',
      show({ joinMode: ['keepMatches', 'keepNonMatches'] }),
    ),
    str(
      'query',
      'SELECT * FROM input1 LEFT JOIN input2 ON input1.name = input2.id',
      show({ mode: ['combineBySql'] }),
    ),
    opts('chooseBranchMode', ['waitForAll'], 'waitForAll', show({ '@version': V3, mode: ['chooseBranch'] })),
    opts(
      'output',
      ['specifiedInput', 'empty'],
      'specifiedInput',
      show({ '@version': V3, mode: ['chooseBranch'] }),
    ),
    num('useDataOfInput', 1, show({ '@version': V3, output: ['specifiedInput'] })),
    // v2
    opts(
      'combinationMode',
      ['mergeByFields', 'mergeByPosition', 'multiplex'],
      'mergeByFields',
      show({ '@version': V2, mode: ['combine'] }),
    ),
    opts('mode', ['append', 'combine', 'chooseBranch'], 'append', {
      displayName: 'Mode',
      ...show({ '@version': V2 }),
    }),
    // v1
    opts(
      'mode',
      [
        'append',
        'keepKeyMatches',
        'mergeByIndex',
        'mergeByKey',
        'multiplex',
        'passThrough',
        'removeKeyMatches',
        'wait',
      ],
      'append',
      show({ '@version': [1] }),
    ),
    str('propertyName1', '', show({ '@version': [1] })),
    str('propertyName2', '', show({ '@version': [1] })),
    opts('join', ['inner', 'left', 'outer'], 'left', show({ '@version': [1], mode: ['mergeByIndex'] })),
    collection('options', [
      fixed(
        'clashHandling',
        [
          {
            name: 'values',
            values: [
              opts('resolveClash', ['preferLast', 'preferInput1', 'preferInput2', 'addSuffix'], 'preferLast'),
              opts('mergeMode', ['deepMerge', 'shallowMerge'], 'deepMerge'),
              bool('overrideEmpty', false),
            ],
          },
        ],
        { multiple: false },
      ),
      bool('disableDotNotation', false),
      bool('fuzzyCompare', false),
      bool('includeUnpaired', false),
      opts('multipleMatches', ['all', 'first'], 'all'),
    ]),
  ],
  parameterSchema: paramsSchema({
    mode: z.string().optional(),
    numberInputs: z.number().int().min(2).max(10).optional(),
    query: z.string().optional(),
  }),
};
