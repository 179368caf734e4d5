import {
  type Item,
  NodeOperationError,
  type NodeOutput,
  type NodeRunContext,
  type NodeType,
} from '@tandem/shared/engine';
import { switchDescription, switchOutputs } from '@tandem/shared/nodes';
import { evaluateFilter, type FilterParameter } from './lib/filter-conditions.ts';
import { compareLegacy, legacyDefault } from './lib/legacy-conditions.ts';
import { errorItem, withItemIndex } from './lib/per-item.ts';

type Rule = { conditions?: FilterParameter; outputKey?: string };
type LegacyRule = { operation?: string; value2?: unknown; output?: number };

function expressionOutput(ctx: NodeRunContext, i: number, outputs: number): number {
  const n = Number(ctx.getNodeParameter('output', i));
  if (!Number.isInteger(n) || n < 0 || n >= outputs) {
    throw new NodeOperationError(
      `The output ${String(n)} is not allowed: it has to be between 0 and ${outputs - 1}`,
      { itemIndex: i },
    );
  }
  return n;
}

/** Output indexes an item goes to (empty = dropped). */
function route(ctx: NodeRunContext, i: number, outputs: number): number[] {
  const v = ctx.node.typeVersion;
  if (ctx.getNodeParameter('mode', i, 'rules') === 'expression') return [expressionOutput(ctx, i, outputs)];
  if (v >= 3) {
    const rules = (ctx.getNodeParameter('rules.values', i, []) as Rule[]) ?? [];
    const options = ctx.getNodeParameter('options', i, {}) as {
      fallbackOutput?: string | number;
      ignoreCase?: boolean;
      allMatchingOutputs?: boolean;
      looseTypeValidation?: boolean;
    };
    const loose =
      Boolean(ctx.getNodeParameter('looseTypeValidation', i, false)) || options.looseTypeValidation;
    const hits: number[] = [];
    for (let r = 0; r < rules.length; r++) {
      if (
        evaluateFilter(rules[r].conditions, {
          ignoreCase: options.ignoreCase,
          looseTypeValidation: loose,
          itemIndex: i,
        })
      ) {
        hits.push(r);
        if (!options.allMatchingOutputs) break;
      }
    }
    if (hits.length) return hits;
    const fb = options.fallbackOutput ?? 'none';
    if (fb === 'none') return [];
    if (fb === 'extra') return [rules.length];
    return [Number(fb)];
  }
  const dataType = String(ctx.getNodeParameter('dataType', i, 'number'));
  const value1 = ctx.getNodeParameter('value1', i) ?? legacyDefault(dataType);
  const rules = (ctx.getNodeParameter('rules.rules', i, []) as LegacyRule[]) ?? [];
  for (const rule of rules) {
    if (compareLegacy(dataType, rule.operation ?? 'equal', value1, rule.value2 ?? legacyDefault(dataType))) {
      return [Number(rule.output ?? 0)];
    }
  }
  const fb = Number(ctx.getNodeParameter('fallbackOutput', i, -1));
  return fb >= 0 ? [fb] : [];
}

/** Switch: rules (first match, or all matches) with fallback, or an expression giving the output index. */
export const switchNode: NodeType = {
  description: switchDescription,
  execute(ctx): NodeOutput {
    const outputs = switchOutputs(ctx.rawParameters, ctx.node.typeVersion);
    const out: Item[][] = Array.from({ length: outputs }, () => []);
    (ctx.inputs[0] ?? []).forEach((item, i) => {
      try {
        for (const o of route(ctx, i, outputs)) {
          if (!out[o]) throw new NodeOperationError(`Output ${o} does not exist`, { itemIndex: i });
          out[o].push({ ...item, pairedItem: { item: i } });
        }
      } catch (err) {
        if (!ctx.continueOnFail) throw withItemIndex(err, i);
        out[0]?.push(errorItem(ctx, err, i));
      }
    });
    return out;
  },
};
