import { type Item, NodeOperationError, type NodeRunContext, type NodeType } from '@tandem/shared/engine';
import { splitOutDescription } from '@tandem/shared/nodes';
import { cloneJson, deleteField, fieldList, getField, isPlain, setField } from './lib/paths.ts';

/** Split Out: one output item per element of the list field(s). */
export function splitOut(ctx: NodeRunContext): Item[] {
  const out: Item[] = [];
  let found = false;
  const fieldsAll = fieldList(ctx.getNodeParameter('fieldToSplitOut', 0, ''));
  if (!fieldsAll.length) throw new NodeOperationError('Field To Split Out is required');
  (ctx.inputs[0] ?? []).forEach((item, i) => {
    const options = ctx.getNodeParameter('options', i, {}) as {
      disableDotNotation?: boolean;
      destinationFieldName?: string;
      includeBinary?: boolean;
    };
    const dot = !options.disableDotNotation;
    const fields = fieldList(ctx.getNodeParameter('fieldToSplitOut', i, ''));
    const dest = fieldList(options.destinationFieldName ?? '');
    const include = String(ctx.getNodeParameter('include', i, 'noOtherFields'));
    const lists = fields.map((f) => {
      let v = getField(item.json, f, dot);
      if (v === undefined) return undefined;
      if (typeof v !== 'object' || v === null) v = [v];
      return Array.isArray(v) ? (v as unknown[]) : Object.values(v as object);
    });
    if (lists.every((l) => l === undefined)) return;
    found = true;
    const n = Math.max(...lists.map((l) => l?.length ?? 0));
    let base: Record<string, unknown> = {};
    if (include === 'allOtherFields') {
      base = cloneJson(item.json);
      for (const f of fields) deleteField(base, f, dot);
    } else if (include === 'selectedOtherFields') {
      for (const f of fieldList(ctx.getNodeParameter('fieldsToInclude', i, ''))) {
        const v = getField(item.json, f, dot);
        if (v !== undefined) setField(base, f, cloneJson(v), dot);
      }
    }
    for (let k = 0; k < n; k++) {
      let json: Record<string, unknown> = { ...base };
      fields.forEach((f, fi) => {
        const el = lists[fi]?.[k];
        const name = dest[fi] || f;
        if (fields.length === 1 && !dest[fi] && isPlain(el) && include === 'noOtherFields')
          json = { ...cloneJson(el) };
        else if (fields.length === 1 && !dest[fi] && isPlain(el)) json = { ...json, ...cloneJson(el) };
        else json[name] = cloneJson(el);
      });
      const o: Item = { json, pairedItem: { item: i } };
      if (options.includeBinary && item.binary) o.binary = item.binary;
      out.push(o);
    }
  });
  if (!found && (ctx.inputs[0]?.length ?? 0) > 0) {
    throw new NodeOperationError(`The field "${fieldsAll.join(', ')}" wasn't found in any input item`);
  }
  return out;
}

export const splitOutNode: NodeType = { description: splitOutDescription, execute: (ctx) => [splitOut(ctx)] };
