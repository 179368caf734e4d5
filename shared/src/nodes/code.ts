import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { opts, param, paramsSchema, show } from './helpers.ts';

const DEFAULT_ALL = `// Loop over input items and add a new field called 'myNewField' to the JSON of each one
for (const item of $input.all()) {
  item.json.myNewField = 1;
}

return $input.all();`;

/** Code: user JavaScript in the isolated-vm sandbox, once for all items or once per item. */
export const codeDescription: NodeDescription = {
  type: 'code',
  displayName: 'Code',
  description: 'Runs custom JavaScript',
  group: 'transform',
  pure: true,
  versions: [1, 2],
  icon: 'code',
  inputs: 1,
  outputs: 1,
  keywords: ['javascript', 'function', 'script'],
  properties: [
    opts(
      'mode',
      [
        ['runOnceForAllItems', 'Run Once for All Items'],
        ['runOnceForEachItem', 'Run Once for Each Item'],
      ],
      'runOnceForAllItems',
    ),
    opts('language', [['javaScript', 'JavaScript']], 'javaScript', show({ '@version': [2] })),
    param('jsCode', 'code', DEFAULT_ALL, {
      typeOptions: { editor: 'code', rows: 10 },
      ...show({ language: ['javaScript'] }),
    }),
  ],
  parameterSchema: paramsSchema({
    mode: z.enum(['runOnceForAllItems', 'runOnceForEachItem']).optional(),
    language: z.enum(['javaScript'], { message: 'only JavaScript is supported' }).optional(),
    jsCode: z.string().optional(),
  }),
};
