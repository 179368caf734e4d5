import type { Item, NodeDescription, NodeOutput, NodeType } from '@tandem/shared/engine';
import { NodeOperationError } from '@tandem/shared/engine';
import type { CodeSandbox } from '../sandbox/index.ts';

const OUTPUT_KEY = '__tandemOutput';

/**
 * The author's body runs inside the Code sandbox. The wrapper stays on the body's first line so error line numbers
 * match what the author wrote; it exposes `$parameters` and moves each item's top-level `output` into the json, where
 * the sandbox lets it through, for routing.
 */
function wrap(body: string): string {
  return (
    'const $parameters = $input.params; const __result = await (async () => {' +
    body +
    `\n})(); return (Array.isArray(__result) ? __result : [__result]).map((it) => it && typeof it === 'object' && 'json' in it && 'output' in it ? (({ output, ...rest }) => ({ ...rest, json: { ...rest.json, ${OUTPUT_KEY}: output } }))(it) : it);`
  );
}

/**
 * A user-defined node type (POST /api/nodes/custom) as the engine runs it: parameters resolved for the first item
 * become `$parameters`, the body runs once for all items of input 0, and with several outputs an item goes to
 * output `item.output` (default 0).
 */
export function customNodeType(description: NodeDescription, body: string): NodeType {
  const code = wrap(body);
  const outputs = typeof description.outputs === 'number' ? description.outputs : 1;
  return {
    description,
    async execute(ctx): Promise<NodeOutput> {
      const params: Record<string, unknown> = {};
      for (const p of description.properties) params[p.name] = ctx.getNodeParameter(p.name, 0);
      // The sandbox (isolated-vm and its runtime sources) is loaded by the first run, not at start.
      const sandbox =
        (ctx.services.codeSandbox as CodeSandbox | undefined) ??
        (await import('../sandbox/index.ts')).getDefaultSandbox();
      const items = (ctx.inputs as Item[][]).flat();
      const result = await sandbox.run({
        code,
        mode: 'runOnceForAllItems',
        items,
        meta: { params, runIndex: ctx.runIndex },
        signal: ctx.signal,
      });
      for (const line of result.logs) ctx.log(line);
      const out: Item[][] = Array.from({ length: outputs }, () => []);
      for (const item of result.items) {
        const target = item.json[OUTPUT_KEY] ?? 0;
        delete item.json[OUTPUT_KEY];
        if (typeof target !== 'number' || !Number.isInteger(target) || target < 0 || target >= outputs) {
          throw new NodeOperationError(
            `An item asked for output ${JSON.stringify(target)}, but this node has ${outputs}`,
          );
        }
        out[target]!.push(item);
      }
      return out;
    },
  };
}
