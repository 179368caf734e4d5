// Node types for runner tests: side-effect counters reveal nodes that run twice.
import type { NodeType, NodeTypeRegistry } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';

export const sideEffects: Record<string, number> = {};

const type = (execute: NodeType['execute'], description = {}): NodeType => ({
  description: description as NodeType['description'],
  execute,
});

/** Counts the run, then passes the items on, marked with the node's name. */
const passMarking: NodeType['execute'] = (ctx) => {
  sideEffects[ctx.node.name] = (sideEffects[ctx.node.name] ?? 0) + 1;
  return [ctx.inputs[0].map((i) => ({ json: { ...i.json, [ctx.node.name]: true } }))];
};

/** `gate` blocks until released by the test; `slow` sleeps `parameters.ms` honouring the signal. */
export const gates = new Map<string, () => void>();

export const testNodeTypes: NodeTypeRegistry = {
  get(t: string) {
    switch (t) {
      case 'pass':
        return type(passMarking);
      case 'pure': // like pass, but described as pure (NodeDescription.pure); the counter only shows re-runs
        return type(passMarking, { pure: true });
      case 'gate':
        return type(async (ctx) => {
          sideEffects[ctx.node.name] = (sideEffects[ctx.node.name] ?? 0) + 1;
          await new Promise<void>((resolve, reject) => {
            gates.set(ctx.node.name, resolve);
            ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
          });
          return [ctx.inputs[0]];
        });
      case 'slow':
        return type(async (ctx) => {
          await new Promise<void>((resolve, reject) => {
            const t = setTimeout(resolve, Number(ctx.node.parameters.ms ?? 10_000));
            ctx.signal.addEventListener('abort', () => {
              clearTimeout(t);
              reject(ctx.signal.reason);
            });
          });
          return [ctx.inputs[0]];
        });
      case 'fail':
        return type(() => {
          throw new Error('node exploded');
        });
      case 'wait':
        return type((ctx) => {
          ctx.helpers.putExecutionToWait(new Date(ctx.helpers.now() + Number(ctx.node.parameters.ms ?? 100)));
          return [ctx.inputs[0]];
        });
      case 'respond':
      case 'respondToWebhook': // the real node's type: the runner holds its answer until the final state is stored
        return type((ctx) => {
          ctx.helpers.sendWebhookResponse({ statusCode: 201, body: { answered: ctx.inputs[0].length } });
          return [ctx.inputs[0]];
        });
      default:
        return undefined;
    }
  },
};

/** A linear workflow of the given node types, named N1..Nn. */
export function chain(
  types: Array<string | { type: string; parameters?: Record<string, string | number> }>,
  settings = {},
): WorkflowJson {
  const nodes = types.map((t, i) => {
    const spec = typeof t === 'string' ? { type: t } : t;
    return {
      id: `n${i + 1}`,
      name: `N${i + 1}`,
      type: spec.type,
      typeVersion: 1,
      position: [i * 100, 0] as [number, number],
      parameters: spec.parameters ?? {},
    };
  });
  const connections: WorkflowJson['connections'] = {};
  for (let i = 0; i < nodes.length - 1; i++)
    connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
  return { name: 'test', nodes, connections, settings };
}
