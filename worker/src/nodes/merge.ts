import {
  type Item,
  type NodeOutput,
  type NodeRunContext,
  type NodeType,
  NonRetriableError,
} from '@tandem/shared/engine';
import { mergeDescription } from '@tandem/shared/nodes';
import {
  append,
  type Clash,
  combineAll,
  combineByFields,
  combineByPosition,
  type JoinMode,
} from './lib/merge-modes.ts';
import { fieldList } from './lib/paths.ts';

type Options = {
  clashHandling?: { values?: Clash };
  disableDotNotation?: boolean;
  fuzzyCompare?: boolean;
  includeUnpaired?: boolean;
  multipleMatches?: 'all' | 'first';
};

function matchFields(ctx: NodeRunContext): { field1: string; field2: string }[] {
  const advanced = ctx.node.typeVersion < 3 || ctx.getNodeParameter('advanced', 0, false);
  if (advanced)
    return (
      (ctx.getNodeParameter('mergeByFields', 0, {}) as { values?: { field1: string; field2: string }[] })
        .values ?? []
    );
  return fieldList(ctx.getNodeParameter('fieldsToMatchString', 0, '')).map((f) => ({ field1: f, field2: f }));
}

function byFields(ctx: NodeRunContext, in1: Item[], in2: Item[], o: Options): Item[] {
  return combineByFields(in1, in2, {
    fields: matchFields(ctx),
    joinMode: ctx.getNodeParameter('joinMode', 0, 'keepMatches') as JoinMode,
    outputDataFrom: ctx.getNodeParameter('outputDataFrom', 0, 'both') as 'both',
    multipleMatches: o.multipleMatches,
    clash: o.clashHandling?.values,
    fuzzyCompare: o.fuzzyCompare,
    dotNotation: !o.disableDotNotation,
  });
}

function chooseBranch(ctx: NodeRunContext, inputs: Item[][]): Item[] {
  const output = String(
    ctx.getNodeParameter('output', 0, ctx.node.typeVersion >= 3 ? 'specifiedInput' : 'input1'),
  );
  if (output === 'empty') return [{ json: {} }];
  const n =
    output === 'specifiedInput'
      ? Number(ctx.getNodeParameter('useDataOfInput', 0, 1))
      : output === 'input2'
        ? 2
        : 1;
  return (inputs[n - 1] ?? []).map((it, i) => ({ ...it, pairedItem: { item: i, input: n - 1 } }));
}

function mergeV1(ctx: NodeRunContext, in1: Item[], in2: Item[]): Item[] {
  const mode = String(ctx.getNodeParameter('mode', 0, 'append'));
  const p1 = String(ctx.getNodeParameter('propertyName1', 0, ''));
  const p2 = String(ctx.getNodeParameter('propertyName2', 0, ''));
  const fields = [{ field1: p1, field2: p2 }];
  switch (mode) {
    case 'append':
      return append([in1, in2]);
    case 'mergeByIndex': {
      const join = String(ctx.getNodeParameter('join', 0, 'left'));
      if (join === 'inner') return combineByPosition(in1, in2, false);
      if (join === 'outer') return combineByPosition(in1, in2, true);
      return combineByPosition(in1, in2, true).slice(0, in1.length);
    }
    case 'mergeByKey':
      return combineByFields(in1, in2, { fields, joinMode: 'enrichInput1', multipleMatches: 'first' });
    case 'keepKeyMatches':
      return combineByFields(in1, in2, {
        fields,
        joinMode: 'keepMatches',
        outputDataFrom: 'input1',
        multipleMatches: 'first',
      });
    case 'removeKeyMatches':
      return combineByFields(in1, in2, { fields, joinMode: 'keepNonMatches', outputDataFrom: 'input1' });
    case 'multiplex':
      return combineAll(in1, in2);
    case 'passThrough':
      return chooseBranch(ctx, [in1, in2]);
    case 'wait':
      return [{ json: {} }];
  }
  throw new NonRetriableError(`Merge mode "${mode}" is not supported`);
}

/** Merge v1–v3: append, combine by fields (joins), by position, all combinations, choose branch. */
export const mergeNode: NodeType = {
  description: mergeDescription,
  execute(ctx): NodeOutput {
    const inputs = ctx.inputs.map((i) => i ?? []);
    const [in1 = [], in2 = []] = inputs;
    const v = ctx.node.typeVersion;
    if (v < 2) return [mergeV1(ctx, in1, in2)];
    const mode = String(ctx.getNodeParameter('mode', 0, 'append'));
    const o = ctx.getNodeParameter('options', 0, {}) as Options;
    if (mode === 'append') return [append(inputs)];
    if (mode === 'chooseBranch') return [chooseBranch(ctx, inputs)];
    if (mode === 'combineBySql') {
      throw new NonRetriableError(
        'Merge "SQL Query" mode is not supported; use Combine by matching fields (inner/left/outer joins)',
      );
    }
    if (mode !== 'combine') throw new NonRetriableError(`Merge mode "${mode}" is not supported`);
    const by =
      v >= 3
        ? String(ctx.getNodeParameter('combineBy', 0, 'combineByFields'))
        : String(ctx.getNodeParameter('combinationMode', 0, 'mergeByFields'));
    const clash = o.clashHandling?.values;
    switch (by) {
      case 'combineByFields':
      case 'mergeByFields':
        return [byFields(ctx, in1, in2, o)];
      case 'combineByPosition':
      case 'mergeByPosition':
        return [combineByPosition(in1, in2, !!o.includeUnpaired, clash)];
      case 'combineAll':
      case 'multiplex':
        return [combineAll(in1, in2, clash)];
    }
    throw new NonRetriableError(`Merge combination "${by}" is not supported`);
  },
};
