import type { Item, NodeRunContext } from '@tandem/shared/engine';
import { NodeOperationError } from '@tandem/shared/engine';

/**
 * Run `fn` for each input item; with onError=continue* a failing item becomes an error item
 * (`json.error`, `error`) instead of failing the node, which the engine routes to the error output.
 */
export function mapItems(
  ctx: NodeRunContext,
  fn: (item: Item, index: number) => Item | Item[] | null,
): Item[] {
  const out: Item[] = [];
  const items = ctx.inputs[0] ?? [];
  for (let i = 0; i < items.length; i++) {
    try {
      const r = fn(items[i], i);
      if (r === null) continue;
      if (Array.isArray(r)) out.push(...r);
      else out.push(r);
    } catch (err) {
      if (!ctx.continueOnFail) throw withItemIndex(err, i);
      out.push(errorItem(ctx, err, i));
    }
  }
  return out;
}

export function errorItem(ctx: NodeRunContext, err: unknown, i: number): Item {
  const message = err instanceof Error ? err.message : String(err);
  return {
    json: { ...(ctx.inputs[0]?.[i]?.json ?? {}), error: message },
    pairedItem: { item: i },
    error: { name: err instanceof Error ? err.name : 'Error', message, node: ctx.node.name, itemIndex: i },
  };
}

export function withItemIndex(err: unknown, itemIndex: number): unknown {
  if (err instanceof Error && (err as { itemIndex?: number }).itemIndex === undefined) {
    (err as { itemIndex?: number }).itemIndex = itemIndex;
  }
  if (!(err instanceof Error)) return new NodeOperationError(String(err), { itemIndex });
  return err;
}
