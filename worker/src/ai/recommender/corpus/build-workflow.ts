import { getNodeDescription } from '@tandem/shared/nodes';
import type { NodeParameters, WorkflowJson, WorkflowNode } from '@tandem/shared/schema';

/**
 * A compact way to write corpus workflows: nodes by short key, and flows like `'wh>f.1>mail'` (output 1 of `f`
 * into `mail`) or `'a>m:1'` (into input 1 of `m`). `build` expands it to the n8n export format.
 */
export interface WorkflowSpec {
  name: string;
  tags?: string[];
  nodes: Record<string, [type: string, parameters?: NodeParameters]>;
  flow: string[];
}

const LABELS: Record<string, string> = {
  httpRequest: 'HTTP Request',
  mySql: 'MySQL',
  if: 'If',
  set: 'Edit Fields',
  emailSend: 'Send Email',
  llmChat: 'LLM Chat',
  splitInBatches: 'Loop Over Items',
  noOp: 'No Operation',
  stopAndError: 'Stop and Error',
  respondToWebhook: 'Respond to Webhook',
  executeWorkflow: 'Execute Workflow',
  executeWorkflowTrigger: 'Execute Workflow Trigger',
  scheduleTrigger: 'Schedule Trigger',
  manualTrigger: 'Manual Trigger',
  errorTrigger: 'Error Trigger',
  dateTime: 'Date & Time',
  xml: 'XML',
  html: 'HTML',
};

function label(type: string): string {
  return LABELS[type] ?? type.charAt(0).toUpperCase() + type.slice(1).replace(/([A-Z])/g, ' $1');
}

/** Expand a spec into workflow JSON (ids and positions are deterministic so the corpus is reproducible). */
export function build(spec: WorkflowSpec, index: number): WorkflowJson {
  const names = new Map<string, string>();
  const used = new Map<string, number>();
  for (const [key, [type]] of Object.entries(spec.nodes)) {
    const base = label(type);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    names.set(key, n === 1 ? base : `${base} ${n}`);
  }
  const connections: WorkflowJson['connections'] = {};
  const depth = new Map<string, number>();
  for (const chain of spec.flow) {
    const steps = chain.split('>');
    for (let i = 0; i + 1 < steps.length; i++) {
      const [fromKey, outRaw] = steps[i].split(':')[0].split('.');
      const [toKey, inRaw] = steps[i + 1].split('.')[0].split(':');
      const from = names.get(fromKey);
      const to = names.get(toKey);
      if (!from || !to) throw new Error(`corpus "${spec.name}": unknown node in "${chain}"`);
      const out = Number(outRaw ?? 0);
      const outputs = (connections[from] ??= { main: [] }).main;
      while (outputs.length <= out) outputs.push([]);
      outputs[out]!.push({ node: to, type: 'main', index: Number(inRaw ?? 0) });
      depth.set(toKey, Math.max(depth.get(toKey) ?? 0, (depth.get(fromKey) ?? 0) + 1));
    }
  }
  const rows = new Map<number, number>();
  const nodes: WorkflowNode[] = Object.entries(spec.nodes).map(([key, [type, parameters]], i) => {
    const d = depth.get(key) ?? 0;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    return {
      id: `c${index}n${i}`,
      name: names.get(key)!,
      type,
      // The latest version of each type: the parameter shapes here are the current n8n ones.
      typeVersion: getNodeDescription(type)?.versions.at(-1) ?? 1,
      position: [d * 220, row * 160],
      parameters: parameters ?? {},
    };
  });
  return { id: `corpus-${index}`, name: spec.name, nodes, connections, settings: {}, tags: spec.tags ?? [] };
}
