import { NodeParameters, type WorkflowJson } from '@tandem/shared/schema';
import { newId } from '@tandem/shared/util';
import { z } from 'zod';
import type { NodeCatalogue } from './node-catalogue.ts';

/** The shape the model answers in: flatter than n8n's JSON, so fewer ways to get it wrong. */
export const GeneratedWorkflow = z.object({
  name: z.string().min(1).max(256),
  description: z.string().max(2_000).optional(),
  nodes: z
    .array(
      z.object({
        name: z.string().min(1).max(128),
        type: z.string().min(1).max(128),
        parameters: NodeParameters.optional(),
        notes: z.string().max(1_000).optional(),
      }),
    )
    .min(1)
    .max(100),
  connections: z
    .array(
      z.object({
        from: z.string().min(1).max(128),
        to: z.string().min(1).max(128),
        output: z.number().int().min(0).max(50).optional(),
        input: z.number().int().min(0).max(10).optional(),
      }),
    )
    .max(300),
});
export type GeneratedWorkflow = z.infer<typeof GeneratedWorkflow>;

/**
 * Expand the model's answer into workflow JSON (n8n format): fresh ids, the catalogue's latest typeVersion, a
 * left-to-right layout by depth. Unknown types are kept as they are so validation can name them.
 * @example toWorkflowJson({ name: 'x', nodes: [{ name: 'Start', type: 'manualTrigger' }], connections: [] }, cat)
 */
export function toWorkflowJson(gen: GeneratedWorkflow, catalogue: NodeCatalogue): WorkflowJson {
  const depth = new Map<string, number>(gen.nodes.map((n) => [n.name, 0]));
  // Longest-path depth, bounded by the node count so a cycle cannot loop forever.
  for (let round = 0; round < gen.nodes.length; round++) {
    let changed = false;
    for (const c of gen.connections) {
      const d = (depth.get(c.from) ?? 0) + 1;
      if (depth.has(c.to) && d > depth.get(c.to)! && d <= gen.nodes.length) {
        depth.set(c.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const nodes = gen.nodes.map((n) => {
    const d = depth.get(n.name) ?? 0;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    return {
      id: newId(),
      name: n.name,
      type: n.type,
      typeVersion: catalogue.get(n.type)?.version ?? 1,
      position: [d * 240, row * 180] as [number, number],
      parameters: n.parameters ?? {},
      ...(n.notes ? { notes: n.notes } : {}),
    };
  });
  const connections: WorkflowJson['connections'] = {};
  for (const c of gen.connections) {
    const outputs = (connections[c.from] ??= { main: [] }).main;
    const out = c.output ?? 0;
    while (outputs.length <= out) outputs.push([]);
    outputs[out]!.push({ node: c.to, type: 'main', index: c.input ?? 0 });
  }
  return {
    name: gen.name,
    nodes,
    connections,
    settings: { executionOrder: 'v1' },
    ...(gen.description ? { description: gen.description } : {}),
  };
}

/** Catalogue lines for a prompt: `type — Name: what it does (in N, out M; parameters: …)`. */
export function describeCatalogue(catalogue: NodeCatalogue): string {
  return [...catalogue.values()]
    .map((e) => {
      const outs = e.outputs({});
      const ports = e.trigger
        ? 'trigger, out 1'
        : `in ${e.inputs({})}, out ${outs > 0 ? outs : 'one per rule'}`;
      const names = [...new Set(e.parameterNames)].slice(0, 12);
      const params = names.length ? `; parameters: ${names.join(', ')}` : '';
      return `- ${e.type} — ${e.displayName}: ${e.description} (${ports}${params})`;
    })
    .join('\n');
}
