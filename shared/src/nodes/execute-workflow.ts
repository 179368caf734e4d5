import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, json, opts, param, paramsSchema, show } from './helpers.ts';

/** Execute Workflow: runs another workflow (by id or inline JSON) with the items, waiting for its result or not. */
export const executeWorkflowDescription: NodeDescription = {
  type: 'executeWorkflow',
  displayName: 'Execute Workflow',
  description: 'Runs another workflow',
  group: 'flow',
  versions: [1, 1.1, 1.2],
  icon: 'sign-out',
  inputs: 1,
  outputs: 1,
  properties: [
    opts(
      'source',
      [
        ['database', 'Database'],
        ['parameter', 'Define Below'],
      ],
      'database',
    ),
    param('workflowId', 'string', '', {
      required: true,
      description: 'Workflow id (or resource locator {__rl, value})',
      ...show({ source: ['database'] }),
    }),
    json('workflowJson', '\n\n\n', { required: true, ...show({ source: ['parameter'] }) }),
    opts(
      'mode',
      [
        ['once', 'Run once with all items'],
        ['each', 'Run once for each item'],
      ],
      'once',
    ),
    collection('options', [bool('waitForSubWorkflow', true)]),
  ],
  parameterSchema: paramsSchema({
    source: z
      .enum(['database', 'parameter', 'localFile', 'url'], {
        message: 'source must be database or parameter',
      })
      .optional(),
    mode: z.enum(['once', 'each']).optional(),
  }),
};
