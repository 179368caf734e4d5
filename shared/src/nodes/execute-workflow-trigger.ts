import type { NodeDescription } from '../engine/types.ts';
import { fixed, json, opts, show, str } from './helpers.ts';

/** Execute Workflow Trigger: entry of a sub-workflow called by Execute Workflow. */
export const executeWorkflowTriggerDescription: NodeDescription = {
  type: 'executeWorkflowTrigger',
  displayName: 'Execute Workflow Trigger',
  description: 'Starts this workflow when another workflow calls it',
  group: 'trigger',
  versions: [1, 1.1],
  icon: 'sign-in',
  inputs: 0,
  outputs: 1,
  trigger: true,
  properties: [
    opts(
      'inputSource',
      ['workflowInputs', 'jsonExample', 'passthrough'],
      'passthrough',
      show({ '@version': [1.1] }),
    ),
    fixed(
      'workflowInputs',
      [
        {
          name: 'values',
          values: [str('name'), opts('type', ['any', 'string', 'number', 'boolean', 'array', 'object'])],
        },
      ],
      show({ '@version': [1.1], inputSource: ['workflowInputs'] }),
    ),
    json('jsonExample', '', show({ '@version': [1.1], inputSource: ['jsonExample'] })),
  ],
};
