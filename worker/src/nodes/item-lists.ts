import { type NodeType, NonRetriableError } from '@tandem/shared/engine';
import { itemListsDescription } from '@tandem/shared/nodes';
import { aggregate } from './aggregate.ts';
import { limitItems } from './limit.ts';
import { removeDuplicates } from './remove-duplicates.ts';
import { sortItems } from './sort.ts';
import { splitOut } from './split-out.ts';
import { summarize } from './summarize.ts';

/** Item Lists (legacy): each operation runs the implementation of the node that replaced it (same parameter names). */
export const itemListsNode: NodeType = {
  description: itemListsDescription,
  execute(ctx) {
    const op = String(ctx.getNodeParameter('operation', 0, 'splitOutItems'));
    switch (op) {
      case 'splitOutItems':
        return [splitOut(ctx)];
      case 'aggregateItems':
      case 'concatenateItems':
        return [aggregate(ctx)];
      case 'summarize':
        return [summarize(ctx)];
      case 'sort':
        return [sortItems(ctx)];
      case 'limit':
        return [limitItems(ctx)];
      case 'removeDuplicates':
        return [removeDuplicates({ ...ctx, node: { ...ctx.node, typeVersion: 1 } })];
    }
    throw new NonRetriableError(`Item Lists operation "${op}" is not supported`);
  },
};
