import { type Item, NodeOperationError, type NodeRunContext, type NodeType } from '@tandem/shared/engine';
import { summarizeDescription } from '@tandem/shared/nodes';
import { fieldList, getField, stableKey } from './lib/paths.ts';

type Spec = {
  aggregation: string;
  field: string;
  includeEmpty?: boolean;
  separateBy?: string;
  customSeparator?: string;
};

const PREFIX: Record<string, string> = {
  append: 'appended',
  average: 'average',
  concatenate: 'concatenated',
  count: 'count',
  countUnique: 'unique_count',
  max: 'max',
  min: 'min',
  sum: 'sum',
};

const empty = (v: unknown) => v === undefined || v === null || v === '';

function aggregateValues(spec: Spec, values: unknown[]): unknown {
  const present = values.filter((v) => !empty(v));
  const nums = () =>
    present.map((v) => {
      const n = typeof v === 'number' ? v : Number(v);
      if (Number.isNaN(n))
        throw new NodeOperationError(`The field "${spec.field}" has a non-numeric value "${String(v)}"`);
      return n;
    });
  switch (spec.aggregation) {
    case 'count':
      return present.length;
    case 'countUnique':
      return new Set((spec.includeEmpty ? values : present).map(stableKey)).size;
    case 'sum':
      return nums().reduce((a, b) => a + b, 0);
    case 'average': {
      const n = nums();
      return n.length ? n.reduce((a, b) => a + b, 0) / n.length : null;
    }
    case 'min':
    case 'max': {
      // strings and dates compare too, so not Math.min/max
      const better = spec.aggregation === 'min' ? (a: any, b: any) => b < a : (a: any, b: any) => b > a;
      let best: unknown = null;
      for (const v of present) if (best === null || better(best, v)) best = v;
      return best;
    }
    case 'append':
      return spec.includeEmpty ? values : present;
    case 'concatenate': {
      const sep =
        { comma: ',', newLine: '\n', space: ' ', other: spec.customSeparator ?? '' }[
          spec.separateBy ?? 'comma'
        ] ?? ',';
      return (spec.includeEmpty ? values : present)
        .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v ?? '')))
        .join(sep);
    }
  }
  throw new NodeOperationError(`Unknown aggregation "${spec.aggregation}"`);
}

/** Summarize: group by fields, then count/sum/average/min/max/append/concatenate per group. */
export function summarize(ctx: NodeRunContext): Item[] {
  const items = ctx.inputs[0] ?? [];
  // n8n exports omit default values: a missing aggregation is "count"
  const specs = (
    (ctx.getNodeParameter('fieldsToSummarize', 0, {}) as { values?: Partial<Spec>[] }).values ?? []
  ).map((s) => ({ ...s, aggregation: s.aggregation ?? 'count', field: s.field ?? '' }));
  const groupBy = fieldList(ctx.getNodeParameter('fieldsToSplitBy', 0, ''));
  const options = ctx.getNodeParameter('options', 0, {}) as {
    continueIfFieldNotFound?: boolean;
    disableDotNotation?: boolean;
    outputFormat?: string;
    skipEmptySplitFields?: boolean;
  };
  const dot = !options.disableDotNotation;
  for (const s of specs) {
    if (
      !options.continueIfFieldNotFound &&
      items.length &&
      items.every((it) => getField(it.json, s.field, dot) === undefined)
    ) {
      throw new NodeOperationError(`The field "${s.field}" does not exist in any items`);
    }
  }
  const groups = new Map<string, { keys: unknown[]; members: number[] }>();
  items.forEach((it, i) => {
    const keys = groupBy.map((f) => getField(it.json, f, dot));
    if (options.skipEmptySplitFields && keys.some(empty)) return;
    const k = stableKey(keys);
    const g = groups.get(k) ?? { keys, members: [] };
    g.members.push(i);
    groups.set(k, g);
  });
  if (!groupBy.length && !groups.size) groups.set('[]', { keys: [], members: [] });
  const rows: Item[] = [];
  for (const g of groups.values()) {
    const json: Record<string, unknown> = {};
    groupBy.forEach((f, i) => {
      json[f] = g.keys[i] ?? null;
    });
    for (const s of specs) {
      json[`${PREFIX[s.aggregation] ?? s.aggregation}_${s.field}`] = aggregateValues(
        s,
        g.members.map((i) => getField(items[i].json, s.field, dot)),
      );
    }
    rows.push({ json, pairedItem: g.members.map((item) => ({ item })) });
  }
  if (options.outputFormat === 'singleItem' && groupBy.length) {
    return [{ json: { data: rows.map((r) => r.json) }, pairedItem: items.map((_, i) => ({ item: i })) }];
  }
  return rows;
}

export const summarizeNode: NodeType = {
  description: summarizeDescription,
  execute: (ctx) => [summarize(ctx)],
};
