import type { WorkflowNode } from '../schema/workflow.ts';
import type { Graph } from './graph.ts';
import type { NodeType, RunWorkflowOptions } from './types.ts';

/**
 * The node an execution starts from: the explicit `startNode`, else the first enabled trigger (within the
 * partial-execution set when there is one), else the first node without incoming connections.
 */
export function startNodeFor(
  g: Graph,
  opts: Pick<RunWorkflowOptions, 'startNode'>,
  typeOf: (n: WorkflowNode) => NodeType | undefined,
  allowed: Set<string> | null,
): string | undefined {
  if (opts.startNode) return g.nodes.has(opts.startNode) ? opts.startNode : undefined;
  const candidates = [...g.nodes.values()].filter((n) => !allowed || allowed.has(n.name));
  const trigger = candidates.find((n) => !n.disabled && typeOf(n)?.description.trigger);
  if (trigger) return trigger.name;
  const root = candidates.find((n) => !g.parents.get(n.name)?.some((edges) => edges.length > 0));
  return root?.name;
}
