import type { Item, NodeOutput, NodeType, SourceRef } from '@tandem/shared/engine';
import { splitInBatchesDescription } from '@tandem/shared/nodes';

interface LoopState {
  source?: SourceRef | null;
  items?: Item[];
  processed?: Item[];
  done?: boolean;
  noItemsLeft?: boolean;
  currentRunIndex?: number;
}

function pairing(item: number, source: SourceRef | null | undefined) {
  return source ? { item, sourceOverwrite: source } : { item };
}

/**
 * Loop Over Items. State lives in ctx.nodeState (checkpointed with the run data, so a resumed execution
 * continues the loop where it was). Like n8n, the state is kept after "done": re-entering the node continues
 * with no items left unless the `reset` option is set.
 */
export const splitInBatchesNode: NodeType = {
  description: splitInBatchesDescription,
  execute(ctx): NodeOutput {
    const s = ctx.nodeState as LoopState;
    const input = ctx.inputs[0] ?? [];
    const batchSize = Math.max(1, Number(ctx.getNodeParameter('batchSize', 0, 1)) || 1);
    const reset = Boolean((ctx.getNodeParameter('options', 0, {}) as { reset?: boolean }).reset);
    const v3 = ctx.node.typeVersion >= 3;
    let batch: Item[];
    if (s.items === undefined || reset) {
      // Later batches are emitted on runs whose input came from the loop body: sourceOverwrite keeps
      // $('Node').item pointing at the node that fed the loop originally.
      s.source = ctx.source[0] ?? null;
      const all = input.map((it, i) => ({ ...it, pairedItem: pairing(i, s.source) }));
      batch = all.slice(0, batchSize);
      s.items = all.slice(batchSize);
      s.processed = [];
      s.currentRunIndex = 0;
    } else {
      s.currentRunIndex = (s.currentRunIndex ?? 0) + 1;
      if (v3)
        s.processed = [
          ...(s.processed ?? []),
          ...input.map((it, i) => ({ ...it, pairedItem: pairing(i, ctx.source[0]) })),
        ];
      batch = s.items.slice(0, batchSize);
      s.items = s.items.slice(batchSize);
    }
    s.noItemsLeft = s.items.length === 0;
    if (!v3) return batch.length ? [batch] : [[]];
    if (batch.length === 0) {
      s.done = true;
      return [s.processed ?? [], []];
    }
    s.done = false;
    return [[], batch];
  },
};
