import type { NodeType } from '@tandem/shared/engine';
import { errorTriggerDescription, manualTriggerDescription, startDescription } from '@tandem/shared/nodes';

/** Triggers emit the items the host started the execution with (default: one empty item). */
const passTrigger = (ctx: Parameters<NodeType['execute']>[0]) => [
  ctx.inputs[0]?.length ? ctx.inputs[0] : [{ json: {} }],
];

export const manualTriggerNode: NodeType = { description: manualTriggerDescription, execute: passTrigger };
export const startNode: NodeType = { description: startDescription, execute: passTrigger };
export const errorTriggerNode: NodeType = { description: errorTriggerDescription, execute: passTrigger };
