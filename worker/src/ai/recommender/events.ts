import { canonicalNodeType, type ParameterValue, type WorkflowJson } from '@tandem/shared/schema';

/** Marks "nothing before": the context of a workflow's first node. */
export const START = '<start>';

/** The context a next node is predicted from. */
export interface NodeContext {
  /** Type of the workflow's trigger on this path (START when predicting the trigger itself). */
  trigger: string;
  /** Type of the predecessor of the selected node (START when the selected node is a root). */
  prev2: string;
  /** Type of the selected node. */
  prev: string;
  /** Output of the selected node the next node hangs off. */
  out: number;
}

/** One observed transition: in `context`, a node of `next` type with (sanitised) parameters followed. */
export interface TransitionEvent extends NodeContext {
  next: string;
  params: Record<string, ParameterValue>;
}

const MAX_PARAM_JSON = 300;
const SECRET_REFERENCE = /\$(env|secrets|credentials?)\b|process\.env/;

interface Graph {
  types: Map<string, string>;
  parents: Map<string, string[]>;
  children: Map<string, { node: string; out: number }[]>;
  params: Map<string, Record<string, ParameterValue>>;
}

function graphOf(workflow: WorkflowJson): Graph {
  const types = new Map<string, string>();
  const params = new Map<string, Record<string, ParameterValue>>();
  for (const n of workflow.nodes ?? []) {
    if (n.type === 'stickyNote' || n.type.endsWith('.stickyNote')) continue;
    types.set(n.name, canonicalNodeType(n.type));
    params.set(n.name, n.parameters ?? {});
  }
  const parents = new Map<string, string[]>();
  const children = new Map<string, { node: string; out: number }[]>();
  for (const [source, byType] of Object.entries(workflow.connections ?? {})) {
    if (!types.has(source)) continue;
    (byType.main ?? []).forEach((targets, out) => {
      for (const t of targets ?? []) {
        if (!types.has(t.node)) continue;
        (children.get(source) ?? children.set(source, []).get(source)!).push({ node: t.node, out });
        (parents.get(t.node) ?? parents.set(t.node, []).get(t.node)!).push(source);
      }
    });
  }
  return { types, parents, children, params };
}

/** Follow first predecessors back to a root; cycles stop the walk. */
function rootOf(g: Graph, name: string): string {
  const seen = new Set<string>();
  let current = name;
  while (!seen.has(current)) {
    seen.add(current);
    const up = g.parents.get(current)?.[0];
    if (!up) return current;
    current = up;
  }
  return current;
}

/**
 * Context for predicting what follows `nodeName` on output `out`; `nodeName` undefined means "first node".
 * @example contextFor(wf, 'Webhook') // { trigger: 'webhook', prev2: '<start>', prev: 'webhook', out: 0 }
 */
export function contextFor(workflow: WorkflowJson, nodeName: string | undefined, out = 0): NodeContext {
  return contextIn(graphOf(workflow), nodeName, out);
}

function contextIn(g: Graph, nodeName: string | undefined, out: number): NodeContext {
  if (nodeName === undefined || !g.types.has(nodeName))
    return { trigger: START, prev2: START, prev: START, out: 0 };
  const parent = g.parents.get(nodeName)?.[0];
  return {
    trigger: g.types.get(rootOf(g, nodeName))!,
    prev2: parent ? g.types.get(parent)! : START,
    prev: g.types.get(nodeName)!,
    out,
  };
}

/** Every transition in a workflow, plus one START event per root node. */
export function extractEvents(workflow: WorkflowJson): TransitionEvent[] {
  const g = graphOf(workflow);
  const events: TransitionEvent[] = [];
  for (const [name, type] of g.types) {
    if (!g.parents.has(name) && g.children.has(name)) {
      events.push({
        trigger: START,
        prev2: START,
        prev: START,
        out: 0,
        next: type,
        params: presetOf(g.params.get(name)),
      });
    }
    for (const child of g.children.get(name) ?? []) {
      const ctx = contextIn(g, name, child.out);
      events.push({ ...ctx, next: g.types.get(child.node)!, params: presetOf(g.params.get(child.node)) });
    }
  }
  return events;
}

/** Keep only small parameter values: presets are defaults, not copies of someone's data. */
export function presetOf(params: Record<string, ParameterValue> | undefined): Record<string, ParameterValue> {
  const out: Record<string, ParameterValue> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    const json = JSON.stringify(value);
    // Presets are shown to everyone: never carry environment or credential references along.
    if (json !== undefined && json.length <= MAX_PARAM_JSON && !SECRET_REFERENCE.test(json)) out[key] = value;
  }
  return out;
}
