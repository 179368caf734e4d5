import type { NodeType } from '@tandem/shared/engine';
import { noOpDescription } from '@tandem/shared/nodes';

export const noOpNode: NodeType = {
  description: noOpDescription,
  execute: (ctx) => [(ctx.inputs[0] ?? []).map((it, i) => ({ ...it, pairedItem: { item: i } }))],
};
