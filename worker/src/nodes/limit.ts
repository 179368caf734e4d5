import type { Item, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { limitDescription } from '@tandem/shared/nodes';

/** Limit: the first or last `maxItems` items. */
export function limitItems(ctx: NodeRunContext): Item[] {
  const items = (ctx.inputs[0] ?? []).map((it, i) => ({ ...it, pairedItem: { item: i } }));
  const max = Math.max(0, Number(ctx.getNodeParameter('maxItems', 0, 1)) || 0);
  return ctx.getNodeParameter('keep', 0, 'firstItems') === 'lastItems'
    ? items.slice(Math.max(0, items.length - max))
    : items.slice(0, max);
}

export const limitNode: NodeType = { description: limitDescription, execute: (ctx) => [limitItems(ctx)] };
