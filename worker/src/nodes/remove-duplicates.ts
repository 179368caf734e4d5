import {
  type Item,
  NodeOperationError,
  type NodeRunContext,
  type NodeType,
  NonRetriableError,
} from '@tandem/shared/engine';
import { removeDuplicatesDescription } from '@tandem/shared/nodes';
import { fieldList, getField, setField, stableKey } from './lib/paths.ts';

/** Remove Duplicates: keeps the first item of each group of equal items (all / all-except / selected fields). */
export function removeDuplicates(ctx: NodeRunContext): Item[] {
  const op =
    ctx.node.typeVersion >= 2
      ? String(ctx.getNodeParameter('operation', 0, 'removeDuplicateInputItems'))
      : 'removeDuplicateInputItems';
  if (op === 'removeItemsSeenInPreviousExecutions' || op === 'clearDeduplicationHistory')
    return acrossExecutions(ctx, op);
  if (op !== 'removeDuplicateInputItems')
    throw new NonRetriableError(`Remove Duplicates operation "${op}" is not supported`);
  const compare = String(ctx.getNodeParameter('compare', 0, 'allFields'));
  const options = ctx.getNodeParameter('options', 0, {}) as {
    disableDotNotation?: boolean;
    removeOtherFields?: boolean;
  };
  const dot = !options.disableDotNotation;
  const selected = fieldList(ctx.getNodeParameter('fieldsToCompare', 0, ''));
  const excluded = new Set(fieldList(ctx.getNodeParameter('fieldsToExclude', 0, '')));
  if (compare === 'selectedFields' && !selected.length)
    throw new NodeOperationError('No fields specified. Please add a field to compare on');
  const seen = new Set<string>();
  const out: Item[] = [];
  (ctx.inputs[0] ?? []).forEach((it, i) => {
    let key: string;
    if (compare === 'selectedFields') key = stableKey(selected.map((f) => getField(it.json, f, dot)));
    else if (compare === 'allFieldsExcept')
      key = stableKey(Object.fromEntries(Object.entries(it.json).filter(([k]) => !excluded.has(k))));
    else key = stableKey(it.json);
    if (seen.has(key)) return;
    seen.add(key);
    if (compare === 'selectedFields' && options.removeOtherFields) {
      const json: Record<string, unknown> = {};
      for (const f of selected) setField(json, f, getField(it.json, f, dot), dot);
      out.push({ json, pairedItem: { item: i } });
    } else out.push({ ...it, pairedItem: { item: i } });
  });
  return out;
}

/**
 * Dedupe across executions: seen keys live in the workflow's static data (persisted by the host), newest last,
 * capped at `historySize`.
 */
function acrossExecutions(ctx: NodeRunContext, op: string): Item[] {
  const store = ctx.staticData as Record<string, unknown>;
  const key = `removeDuplicates:${ctx.node.name}`;
  if (op === 'clearDeduplicationHistory') {
    delete store[key];
    return (ctx.inputs[0] ?? []).map((it, i) => ({ ...it, pairedItem: { item: i } }));
  }
  const seenList = Array.isArray(store[key]) ? (store[key] as string[]) : [];
  const seen = new Set(seenList);
  const out: Item[] = [];
  (ctx.inputs[0] ?? []).forEach((it, i) => {
    const v = ctx.getNodeParameter('dedupeValue', i, '');
    if (v === '' || v === undefined || v === null)
      throw new NodeOperationError('Value to dedupe on is empty', { itemIndex: i });
    const k = typeof v === 'string' ? v : stableKey(v);
    if (seen.has(k)) return;
    seen.add(k);
    seenList.push(k);
    out.push({ ...it, pairedItem: { item: i } });
  });
  const limit = Number(
    (ctx.getNodeParameter('options', 0, {}) as { historySize?: number }).historySize ?? 10000,
  );
  store[key] = seenList.slice(Math.max(0, seenList.length - limit));
  return out;
}

export const removeDuplicatesNode: NodeType = {
  description: removeDuplicatesDescription,
  execute: (ctx) => [removeDuplicates(ctx)],
};
