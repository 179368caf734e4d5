import type { Item, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { aggregateDescription } from '@tandem/shared/nodes';
import { cloneJson, fieldList, getField, setField, stableKey } from './lib/paths.ts';

type FieldSpec = { fieldToAggregate: string; renameField?: boolean; outputFieldName?: string };

/** Aggregate: lists of field values, or all item data, into one item. */
export function aggregate(ctx: NodeRunContext): Item[] {
  const items = ctx.inputs[0] ?? [];
  if (!items.length) return [];
  const options = ctx.getNodeParameter('options', 0, {}) as {
    disableDotNotation?: boolean;
    mergeLists?: boolean;
    includeBinaries?: boolean;
    keepOnlyUnique?: boolean;
    keepMissing?: boolean;
  };
  const dot = !options.disableDotNotation;
  const json: Record<string, unknown> = {};
  if (ctx.getNodeParameter('aggregate', 0, 'aggregateIndividualFields') === 'aggregateAllItemData') {
    const include = String(ctx.getNodeParameter('include', 0, 'allFields'));
    const incl = fieldList(ctx.getNodeParameter('fieldsToInclude', 0, ''));
    const excl = fieldList(ctx.getNodeParameter('fieldsToExclude', 0, ''));
    json[String(ctx.getNodeParameter('destinationFieldName', 0, 'data'))] = items.map((it) => {
      if (include === 'specifiedFields') {
        const o: Record<string, unknown> = {};
        for (const f of incl) {
          const v = getField(it.json, f, dot);
          if (v !== undefined) setField(o, f, cloneJson(v), dot);
        }
        return o;
      }
      const o = cloneJson(it.json);
      if (include === 'allFieldsExcept') for (const f of excl) delete o[f];
      return o;
    });
  } else {
    const specs =
      (ctx.getNodeParameter('fieldsToAggregate', 0, {}) as { fieldToAggregate?: FieldSpec[] })
        .fieldToAggregate ?? [];
    for (const s of specs) {
      if (!s.fieldToAggregate) continue;
      let values: unknown[] = [];
      for (const it of items) {
        const v = getField(it.json, s.fieldToAggregate, dot);
        if (v === undefined && !options.keepMissing) continue;
        if (options.mergeLists && Array.isArray(v)) values.push(...v);
        else values.push(cloneJson(v === undefined ? null : v));
      }
      if (options.keepOnlyUnique) {
        const seen = new Set<string>();
        values = values.filter((v) => {
          const k = stableKey(v);
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      }
      const name = s.renameField && s.outputFieldName ? s.outputFieldName : s.fieldToAggregate;
      json[name] = values;
    }
  }
  const out: Item = { json, pairedItem: items.map((_, i) => ({ item: i })) };
  if (options.includeBinaries) {
    const binary: NonNullable<Item['binary']> = {};
    items.forEach((it, i) => {
      for (const [k, b] of Object.entries(it.binary ?? {})) binary[k in binary ? `${k}_${i}` : k] = b;
    });
    if (Object.keys(binary).length) out.binary = binary;
  }
  return [out];
}

export const aggregateNode: NodeType = {
  description: aggregateDescription,
  execute: (ctx) => [aggregate(ctx)],
};
