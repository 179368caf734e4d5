import type { NodeDescription } from '../engine/types.ts';
import { fixed, str } from './helpers.ts';

/** Execution Data: saves key/value pairs on the execution (searchable custom data). */
export const executionDataDescription: NodeDescription = {
  type: 'executionData',
  displayName: 'Execution Data',
  description: 'Saves key/value data on the execution for search and display',
  group: 'transform',
  versions: [1],
  icon: 'tag',
  inputs: 1,
  outputs: 1,
  properties: [fixed('dataToSave', [{ name: 'values', values: [str('key'), str('value')] }])],
};
