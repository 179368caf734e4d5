import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { json, opts, paramsSchema, show, str } from './helpers.ts';

/** Stop and Error: fails the execution with a message or an error object. */
export const stopAndErrorDescription: NodeDescription = {
  type: 'stopAndError',
  displayName: 'Stop and Error',
  description: 'Throws an error in the workflow',
  group: 'flow',
  pure: true,
  versions: [1],
  icon: 'octagon',
  inputs: 1,
  outputs: 0,
  properties: [
    opts(
      'errorType',
      [
        ['errorMessage', 'Error Message'],
        ['errorObject', 'Error Object'],
      ],
      'errorMessage',
    ),
    str('errorMessage', '', { required: true, ...show({ errorType: ['errorMessage'] }) }),
    json('errorObject', '', { required: true, ...show({ errorType: ['errorObject'] }) }),
  ],
  parameterSchema: paramsSchema({ errorType: z.string().optional(), errorMessage: z.string().optional() }),
};
