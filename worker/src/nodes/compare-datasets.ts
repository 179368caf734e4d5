import { isDeepStrictEqual } from 'node:util';
import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { compareDatasetsDescription } from '@tandem/shared/nodes';

function getField(json: JsonObject, path: string, dotNotation: boolean): unknown {
  if (!dotNotation) return json[path];
  let cur: unknown = json;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as JsonObject)[part];
  }
  return cur;
}

function sameValue(a: unknown, b: unknown, fuzzy: boolean): boolean {
  if (fuzzy) {
    if (a === null || a === undefined || a === '') return b === null || b === undefined || b === '';
    if (typeof a !== 'object' && typeof b !== 'object') return String(a) === String(b);
  }
  return isDeepStrictEqual(a, b);
}

function matchKey(json: JsonObject, fields: string[], dot: boolean, fuzzy: boolean): string {
  return JSON.stringify(
    fields.map((f) => {
      const v = getField(json, f, dot);
      return fuzzy && v !== null && typeof v !== 'object' ? String(v) : v;
    }),
  );
}

/**
 * Compare Datasets v2.3: matches input A and B items by key fields and routes them to four outputs:
 * in A only, same, different (resolved: prefer A, prefer B, mix, or both side by side), in B only.
 */
export function executeCompareDatasets(ctx: NodeRunContext): NodeOutput {
  const a = ctx.inputs[0] ?? [];
  const b = ctx.inputs[1] ?? [];
  const pairs = ctx.getNodeParameter('mergeByFields.values', 0, []) as { field1?: string; field2?: string }[];
  const fields = (Array.isArray(pairs) ? pairs : []).filter((p) => p?.field1 && p.field2) as {
    field1: string;
    field2: string;
  }[];
  if (fields.length === 0) throw new NonRetriableError('Add at least one pair of fields to match on');
  const dot = ctx.getNodeParameter('options.disableDotNotation', 0, false) !== true;
  const fuzzy =
    ctx.getNodeParameter('options.fuzzyCompare', 0, ctx.getNodeParameter('fuzzyCompare', 0, false)) === true;
  const all = ctx.getNodeParameter('options.multipleMatches', 0, 'first') === 'all';
  const resolve = String(ctx.getNodeParameter('resolve', 0, 'preferInput2'));
  const skip = new Set(
    String(ctx.getNodeParameter('options.skipFields', 0, '') || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

  const byKey = new Map<string, number[]>();
  b.forEach((item, j) => {
    const key = matchKey(
      item.json,
      fields.map((f) => f.field2),
      dot,
      fuzzy,
    );
    byKey.set(key, [...(byKey.get(key) ?? []), j]);
  });
  const usedB = new Set<number>();
  const onlyA: Item[] = [];
  const same: Item[] = [];
  const different: Item[] = [];
  a.forEach((itemA, i) => {
    const matches =
      byKey.get(
        matchKey(
          itemA.json,
          fields.map((f) => f.field1),
          dot,
          fuzzy,
        ),
      ) ?? [];
    if (matches.length === 0) {
      onlyA.push({ json: itemA.json, pairedItem: { item: i, input: 0 } });
      return;
    }
    for (const j of all ? matches : matches.slice(0, 1)) {
      usedB.add(j);
      const itemB = b[j];
      const diff = differences(itemA.json, itemB.json, skip, fuzzy);
      const paired = [
        { item: i, input: 0 },
        { item: j, input: 1 },
      ];
      if (Object.keys(diff).length === 0) same.push({ json: itemA.json, pairedItem: paired });
      else
        different.push({
          json: resolved(ctx, resolve, itemA.json, itemB.json, diff, fields),
          pairedItem: paired,
        });
    }
  });
  const onlyB = b.flatMap((item, j) =>
    usedB.has(j) ? [] : [{ json: item.json, pairedItem: { item: j, input: 1 } }],
  );
  return [onlyA, same, different, onlyB];
}

function differences(
  a: JsonObject,
  b: JsonObject,
  skip: Set<string>,
  fuzzy: boolean,
): Record<string, { inputA: unknown; inputB: unknown }> {
  const out: Record<string, { inputA: unknown; inputB: unknown }> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (skip.has(key)) continue;
    if (!sameValue(a[key], b[key], fuzzy)) out[key] = { inputA: a[key] ?? null, inputB: b[key] ?? null };
  }
  return out;
}

function resolved(
  ctx: NodeRunContext,
  resolve: string,
  a: JsonObject,
  b: JsonObject,
  diff: Record<string, { inputA: unknown; inputB: unknown }>,
  fields: { field1: string }[],
): JsonObject {
  switch (resolve) {
    case 'preferInput1':
      return a;
    case 'preferInput2':
      return b;
    case 'mix': {
      const preferA = ctx.getNodeParameter('preferWhenMix', 0, 'input1') === 'input1';
      const except = String(ctx.getNodeParameter('exceptWhenMix', 0, '') || '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const [main, other] = preferA ? [a, b] : [b, a];
      const out: JsonObject = { ...other, ...main };
      for (const f of except) if (f in other) out[f] = other[f];
      return out;
    }
    case 'includeBoth': {
      const keys: JsonObject = {};
      for (const f of fields) keys[f.field1] = a[f.field1];
      const sameFields: JsonObject = {};
      for (const k of Object.keys(a)) if (!(k in diff) && !(k in keys)) sameFields[k] = a[k];
      return { keys, same: sameFields, different: diff };
    }
    default:
      throw new NonRetriableError(`Unknown resolve mode "${resolve}"`);
  }
}

export const compareDatasetsNode: NodeType = {
  description: compareDatasetsDescription,
  execute: executeCompareDatasets,
};
