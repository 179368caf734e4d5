import type { NodeDescription } from '../engine/types.ts';

/** Manual Trigger: starts a run from the editor or the API; emits the trigger items (default one empty item). */
export const manualTriggerDescription: NodeDescription = {
  type: 'manualTrigger',
  displayName: 'Manual Trigger',
  description: 'Runs the workflow when you click Execute or call the execute API',
  group: 'trigger',
  versions: [1],
  icon: 'mouse-pointer',
  inputs: 0,
  outputs: 1,
  trigger: true,
  properties: [],
};

/** n8n's pre-1.0 "Start" node, kept so old exports import unchanged. */
export const startDescription: NodeDescription = {
  ...manualTriggerDescription,
  type: 'start',
  displayName: 'Start (legacy)',
  description: 'Legacy start node of old n8n workflows; behaves like Manual Trigger',
};
