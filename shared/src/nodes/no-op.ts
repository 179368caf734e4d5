import type { NodeDescription } from '../engine/types.ts';

/** No Operation: passes items through unchanged. */
export const noOpDescription: NodeDescription = {
  type: 'noOp',
  displayName: 'No Operation, do nothing',
  description: 'Passes its input through unchanged',
  group: 'flow',
  pure: true,
  versions: [1],
  icon: 'arrow-right',
  inputs: 1,
  outputs: 1,
  properties: [],
};
