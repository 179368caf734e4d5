import type { Item, NodeType } from '@tandem/shared/engine';
import { filterDescription } from '@tandem/shared/nodes';
import { matchesConditions } from './if.ts';
import { errorItem, withItemIndex } from './lib/per-item.ts';

/** Filter: keeps matching items (paired to their input item). */
export const filterNode: NodeType = {
  description: filterDescription,
  execute(ctx) {
    const kept: Item[] = [];
    (ctx.inputs[0] ?? []).forEach((item, i) => {
      try {
        if (matchesConditions(ctx, i, 'combineConditions')) kept.push({ ...item, pairedItem: { item: i } });
      } catch (err) {
        if (!ctx.continueOnFail) throw withItemIndex(err, i);
        kept.push(errorItem(ctx, err, i));
      }
    });
    return [kept];
  },
};
