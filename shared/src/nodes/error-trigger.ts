import type { NodeDescription } from '../engine/types.ts';

/** Error Trigger: entry of an error workflow; receives `{execution, workflow}` of the failed execution. */
export const errorTriggerDescription: NodeDescription = {
  type: 'errorTrigger',
  displayName: 'Error Trigger',
  description: 'Starts this workflow when another workflow that names it as error workflow fails',
  group: 'trigger',
  versions: [1],
  icon: 'alert-triangle',
  inputs: 0,
  outputs: 1,
  trigger: true,
  properties: [],
};
