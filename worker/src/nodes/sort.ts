import { type Item, NodeOperationError, type NodeRunContext, type NodeType } from '@tandem/shared/engine';
import { sortDescription } from '@tandem/shared/nodes';
import { getField } from './lib/paths.ts';

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  const sa = typeof a === 'object' ? JSON.stringify(a) : String(a);
  const sb = typeof b === 'object' ? JSON.stringify(b) : String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Sort: by fields (stable), random, or a user compare function run in the safe expression interpreter. */
export function sortItems(ctx: NodeRunContext): Item[] {
  const items = (ctx.inputs[0] ?? []).map((it, i) => ({ ...it, pairedItem: { item: i } }));
  const type = String(ctx.getNodeParameter('type', 0, 'simple'));
  if (type === 'random') {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
  if (type === 'code') {
    const code = String(ctx.rawParameters.code ?? '');
    const fn = ctx.evaluateExpression(`={{ (a, b) => {\n${code}\n} }}`, 0);
    if (typeof fn !== 'function')
      throw new NodeOperationError('Sort code must be a function body returning a number');
    return items.sort((a, b) => Number(fn(a, b)) || 0);
  }
  const fields =
    (ctx.getNodeParameter('sortFieldsUi', 0, {}) as { sortField?: { fieldName: string; order?: string }[] })
      .sortField ?? [];
  if (!fields.length) throw new NodeOperationError('No sorting specified: add at least one field to sort by');
  const dot = !(ctx.getNodeParameter('options', 0, {}) as { disableDotNotation?: boolean })
    .disableDotNotation;
  if (
    items.length &&
    fields.every((f) => items.every((it) => getField(it.json, f.fieldName, dot) === undefined))
  ) {
    throw new NodeOperationError(`Couldn't find the field '${fields[0].fieldName}' in the input data`);
  }
  return items.sort((a, b) => {
    for (const f of fields) {
      const c = compareValues(getField(a.json, f.fieldName, dot), getField(b.json, f.fieldName, dot));
      if (c !== 0) return f.order === 'descending' ? -c : c;
    }
    return 0;
  });
}

export const sortNode: NodeType = { description: sortDescription, execute: (ctx) => [sortItems(ctx)] };
