import type { WorkflowJson, WorkflowNode } from '../schema/workflow.ts';

/** Indexed view of a workflow's nodes and `main` connections. */
export interface Edge {
  from: string;
  output: number;
  to: string;
  input: number;
}

export interface Graph {
  nodes: Map<string, WorkflowNode>;
  /** node → output index → outgoing edges (connection order). */
  children: Map<string, Edge[][]>;
  /** node → input index → incoming edges. */
  parents: Map<string, Edge[][]>;
  edges: Edge[];
}

/**
 * Build the graph; connections naming unknown nodes are skipped here (validation reports them).
 * @example buildGraph(workflow).children.get('If')?.[0] // edges of the true output
 */
export function buildGraph(workflow: Pick<WorkflowJson, 'nodes' | 'connections'>): Graph {
  const nodes = new Map<string, WorkflowNode>();
  for (const n of workflow.nodes) nodes.set(n.name, n);
  const children = new Map<string, Edge[][]>();
  const parents = new Map<string, Edge[][]>();
  const edges: Edge[] = [];
  for (const [from, byType] of Object.entries(workflow.connections ?? {})) {
    if (!nodes.has(from)) continue;
    const outputs = byType.main ?? [];
    outputs.forEach((targets, output) => {
      for (const t of targets ?? []) {
        if (!nodes.has(t.node) || (t.type && t.type !== 'main')) continue;
        const edge: Edge = { from, output, to: t.node, input: t.index ?? 0 };
        edges.push(edge);
        slot(children, from, output).push(edge);
        slot(parents, t.node, edge.input).push(edge);
      }
    });
  }
  return { nodes, children, parents, edges };
}

const built = new WeakMap<object, Graph>();

/**
 * `buildGraph` once per workflow object, for workflows that are never changed (RunWorkflowOptions
 * .immutableWorkflow). The graph is read-only for its users.
 */
export function graphOf(workflow: Pick<WorkflowJson, 'nodes' | 'connections'>): Graph {
  let g = built.get(workflow);
  if (!g) built.set(workflow, (g = buildGraph(workflow)));
  return g;
}

function slot(map: Map<string, Edge[][]>, key: string, index: number): Edge[] {
  let arr = map.get(key);
  if (!arr) map.set(key, (arr = []));
  while (arr.length <= index) arr.push([]);
  return arr[index];
}

/** Number of connected inputs (highest connected input index + 1). */
export function connectedInputCount(g: Graph, node: string): number {
  return g.parents.get(node)?.length ?? 0;
}

/** All nodes from which `node` can be reached (not including itself unless on a cycle). */
export function ancestors(g: Graph, node: string): Set<string> {
  const seen = new Set<string>();
  const todo = [node];
  while (todo.length) {
    const n = todo.pop()!;
    for (const edges of g.parents.get(n) ?? []) {
      for (const e of edges) {
        if (!seen.has(e.from)) {
          seen.add(e.from);
          todo.push(e.from);
        }
      }
    }
  }
  return seen;
}

/** Nodes reachable from `start` (including it). */
export function descendants(g: Graph, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const todo = [start];
  while (todo.length) {
    const n = todo.pop()!;
    for (const edges of g.children.get(n) ?? []) {
      for (const e of edges) {
        if (!seen.has(e.to)) {
          seen.add(e.to);
          todo.push(e.to);
        }
      }
    }
  }
  return seen;
}

/**
 * Strongly connected components with more than one node (or a self-loop): the cycles.
 * Tarjan's algorithm, iterative so that large graphs don't overflow the stack.
 */
export function findCycles(g: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const succ = (n: string) => (g.children.get(n) ?? []).flat().map((e) => e.to);
  for (const root of g.nodes.keys()) {
    if (idx.has(root)) continue;
    const work: { n: string; it: string[]; i: number }[] = [];
    const visit = (n: string) => {
      idx.set(n, index);
      low.set(n, index++);
      stack.push(n);
      onStack.add(n);
      work.push({ n, it: succ(n), i: 0 });
    };
    visit(root);
    while (work.length) {
      const top = work[work.length - 1];
      if (top.i < top.it.length) {
        const m = top.it[top.i++];
        if (!idx.has(m)) visit(m);
        else if (onStack.has(m)) low.set(top.n, Math.min(low.get(top.n)!, idx.get(m)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].n;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.n)!));
      }
      if (low.get(top.n) === idx.get(top.n)) {
        const comp: string[] = [];
        let m: string;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          comp.push(m);
        } while (m !== top.n);
        if (comp.length > 1 || succ(top.n).includes(top.n)) out.push(comp);
      }
    }
  }
  return out;
}
