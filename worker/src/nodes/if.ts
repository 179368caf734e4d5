import type { Item, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { ifDescription } from '@tandem/shared/nodes';
import { evaluateFilter, type FilterParameter } from './lib/filter-conditions.ts';
import { evaluateLegacy, type LegacyConditions } from './lib/legacy-conditions.ts';
import { errorItem, withItemIndex } from './lib/per-item.ts';

/** Evaluate the node's conditions for item i (filter type for v2+, legacy groups for v1). */
export function matchesConditions(ctx: NodeRunContext, i: number, legacyCombineParam: string): boolean {
  if (ctx.node.typeVersion < 2) {
    const conditions = ctx.getNodeParameter('conditions', i, {}) as LegacyConditions;
    const combine = ctx.getNodeParameter(legacyCombineParam, i, 'all') as string;
    return evaluateLegacy(conditions, combine === 'any' || combine === 'OR' ? 'any' : 'all');
  }
  const filter = ctx.getNodeParameter('conditions', i, {}) as FilterParameter;
  const options = ctx.getNodeParameter('options', i, {}) as {
    ignoreCase?: boolean;
    looseTypeValidation?: boolean;
  };
  const loose = Boolean(ctx.getNodeParameter('looseTypeValidation', i, false)) || options.looseTypeValidation;
  return evaluateFilter(filter, { ignoreCase: options.ignoreCase, looseTypeValidation: loose, itemIndex: i });
}

/** If: true → output 0, false → output 1; an item whose conditions fail to evaluate goes to false when continuing. */
export const ifNode: NodeType = {
  description: ifDescription,
  execute(ctx): NodeOutput {
    const yes: Item[] = [];
    const no: Item[] = [];
    (ctx.inputs[0] ?? []).forEach((item, i) => {
      const out = { ...item, pairedItem: { item: i } };
      try {
        (matchesConditions(ctx, i, 'combineOperation') ? yes : no).push(out);
      } catch (err) {
        if (!ctx.continueOnFail) throw withItemIndex(err, i);
        no.push(errorItem(ctx, err, i));
      }
    });
    return [yes, no];
  },
};
