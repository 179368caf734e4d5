import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, fixed, opts, paramsSchema, show, str } from './helpers.ts';

/** Compare Datasets: matches items of input A and B by fields; outputs In A only, Same, Different, In B only. */
export const compareDatasetsDescription: NodeDescription = {
  type: 'compareDatasets',
  displayName: 'Compare Datasets',
  description: 'Compares two inputs for changes',
  group: 'transform',
  pure: true,
  versions: [1, 2, 2.1, 2.2, 2.3],
  icon: 'columns',
  inputs: 2,
  inputNames: ['Input A', 'Input B'],
  outputs: 4,
  outputNames: ['In A only', 'Same', 'Different', 'In B only'],
  requiredInputs: 1,
  properties: [
    fixed('mergeByFields', [{ name: 'values', values: [str('field1'), str('field2')] }]),
    opts('resolve', ['preferInput1', 'preferInput2', 'mix', 'includeBoth'], 'preferInput2'),
    bool('fuzzyCompare', false, show({ '@version': [2, 2.1, 2.2, 2.3] })),
    opts('preferWhenMix', ['input1', 'input2'], 'input1', show({ resolve: ['mix'] })),
    str('exceptWhenMix', '', show({ resolve: ['mix'] })),
    collection('options', [
      str('skipFields', ''),
      bool('fuzzyCompare', false),
      bool('disableDotNotation', false),
      opts('multipleMatches', ['first', 'all'], 'first'),
    ]),
  ],
  parameterSchema: paramsSchema({
    mergeByFields: z
      .looseObject({ values: z.array(z.looseObject({ field1: z.string(), field2: z.string() })).optional() })
      .optional(),
  }),
};
