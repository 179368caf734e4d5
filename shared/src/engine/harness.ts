import { canonicalNodeType, type WorkflowJson, type WorkflowNode } from '../schema/workflow.ts';
import type { NodeType, NodeTypeRegistry } from './types.ts';

/**
 * Registry over a list of node types; looks up by canonical type (`n8n-nodes-base.` prefix stripped) and
 * exact version, falling back to the nearest lower supported version.
 * @example createRegistry([ifNode, setNode]).get('n8n-nodes-base.if', 2)
 */
export function createRegistry(types: NodeType[]): NodeTypeRegistry {
  const byType = new Map<string, NodeType[]>();
  for (const t of types) {
    const key = t.description.type;
    const list = byType.get(key) ?? [];
    list.push(t);
    byType.set(key, list);
  }
  return {
    get(type, version) {
      const list = byType.get(canonicalNodeType(type));
      if (!list) return undefined;
      return list.find((t) => t.description.versions.includes(version));
    },
  };
}

export interface WorkflowBuilder {
  node(
    name: string,
    type: string,
    parameters?: WorkflowNode['parameters'],
    extra?: Partial<WorkflowNode>,
  ): WorkflowBuilder;
  /** Connect `from` output `output` to `to` input `input`. */
  connect(from: string, to: string, output?: number, input?: number): WorkflowBuilder;
  settings(s: WorkflowJson['settings']): WorkflowBuilder;
  build(): WorkflowJson;
}

/**
 * Small builder for tests and the in-memory harness; nodes are laid out top to bottom in creation order
 * unless `extra.position` says otherwise (v1 order sorts branches by position).
 * @example workflowBuilder().node('Start', 'manualTrigger').node('Set', 'set').connect('Start', 'Set').build()
 */
export function workflowBuilder(name = 'test'): WorkflowBuilder {
  const wf: WorkflowJson = { name, nodes: [], connections: {}, settings: { executionOrder: 'v1' } };
  const b: WorkflowBuilder = {
    node(nodeName, type, parameters = {}, extra = {}) {
      wf.nodes.push({
        id: `id-${wf.nodes.length}`,
        name: nodeName,
        type,
        typeVersion: 1,
        position: [wf.nodes.length * 200, wf.nodes.length * 100],
        parameters,
        ...extra,
      });
      return b;
    },
    connect(from, to, output = 0, input = 0) {
      const outs = ((wf.connections[from] ??= {}).main ??= []);
      while (outs.length <= output) outs.push([]);
      (outs[output] ??= []).push({ node: to, type: 'main', index: input });
      return b;
    },
    settings(s) {
      wf.settings = { ...wf.settings, ...s };
      return b;
    },
    build: () => wf,
  };
  return b;
}
