import { canonicalNodeType, type WorkflowJson, WorkflowJson as WorkflowSchema } from '@tandem/shared/schema';
import type { NodeCatalogue } from './node-catalogue.ts';

export interface CheckIssue {
  severity: 'error' | 'warning';
  message: string;
  node?: string;
}

export interface CheckOptions {
  /** Max nodes a generated workflow may have (bounded cost of a bad answer). */
  maxNodes?: number;
  /** Require at least one trigger node (true for generated workflows). */
  requireTrigger?: boolean;
  /** Refuse `$env`/`$secrets`/`$credentials` in parameters and credential picks (default true: AI output). */
  forbidSecrets?: boolean;
}

/** Loop nodes that legitimately close a cycle (n8n's Loop Over Items pattern). */
const LOOP_TYPES = new Set(['splitInBatches']);
/** Expressions reaching secrets: generated workflows must not read them (prompt-injection exfiltration). */
const SECRET_REFERENCE = /\$(env|secrets|credentials?)\b|process\.env/;

/**
 * Structural check of a workflow against the node catalogue: schema, unique names, known types, valid ports,
 * no cycles (except through a loop node), triggers without inputs, every node reachable, no secret references.
 * @example checkWorkflow(wf, catalogue).filter((i) => i.severity === 'error') // [] when valid
 */
export function checkWorkflow(
  input: unknown,
  catalogue: NodeCatalogue,
  opts: CheckOptions = {},
): CheckIssue[] {
  const parsed = WorkflowSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues
      .slice(0, 20)
      .map((i) => ({ severity: 'error', message: `${i.path.join('.') || '(root)'}: ${i.message}` }));
  }
  const wf: WorkflowJson = parsed.data;
  const issues: CheckIssue[] = [];
  const error = (message: string, node?: string) => issues.push({ severity: 'error', message, node });
  const maxNodes = opts.maxNodes ?? 200;
  if (wf.nodes.length === 0) error('The workflow has no nodes');
  if (wf.nodes.length > maxNodes) error(`The workflow has ${wf.nodes.length} nodes (at most ${maxNodes})`);

  const byName = new Map<string, WorkflowJson['nodes'][number]>();
  const ids = new Set<string>();
  for (const node of wf.nodes) {
    if (byName.has(node.name)) error(`Two nodes are named "${node.name}"`, node.name);
    if (ids.has(node.id)) error(`Two nodes have the id "${node.id}"`, node.name);
    byName.set(node.name, node);
    ids.add(node.id);
    const type = canonicalNodeType(node.type);
    if (!catalogue.has(type)) error(`Unknown node type "${node.type}"`, node.name);
    if (opts.forbidSecrets === false) continue;
    if (node.credentials && Object.keys(node.credentials).length > 0) {
      error('Generated nodes must not pick credentials (the user chooses them)', node.name);
    }
    if (SECRET_REFERENCE.test(JSON.stringify(node.parameters))) {
      error('Parameters must not reference environment variables or credentials', node.name);
    }
  }

  const edges = new Map<string, Set<string>>();
  const incoming = new Map<string, number>();
  for (const [source, byType] of Object.entries(wf.connections)) {
    const from = byName.get(source);
    if (!from) {
      error(`A connection starts at "${source}", which is not a node`);
      continue;
    }
    const entry = catalogue.get(canonicalNodeType(from.type));
    for (const [kind, outputs] of Object.entries(byType)) {
      if (kind !== 'main') {
        error(`Connection type "${kind}" is not supported`, source);
        continue;
      }
      outputs.forEach((targets, out) => {
        if (!targets?.length) return;
        if (entry && out >= entry.outputs(from.parameters)) error(`"${source}" has no output ${out}`, source);
        for (const t of targets) {
          const to = byName.get(t.node);
          if (!to) {
            error(`"${source}" connects to "${t.node}", which is not a node`, source);
            continue;
          }
          const toEntry = catalogue.get(canonicalNodeType(to.type));
          if (toEntry && t.index >= toEntry.inputs(to.parameters))
            error(`"${t.node}" has no input ${t.index}`, t.node);
          (edges.get(source) ?? edges.set(source, new Set()).get(source)!).add(t.node);
          incoming.set(t.node, (incoming.get(t.node) ?? 0) + 1);
        }
      });
    }
  }

  const isTrigger = (name: string) =>
    catalogue.get(canonicalNodeType(byName.get(name)!.type))?.trigger ?? false;
  const triggers = [...byName.keys()].filter(isTrigger);
  if ((opts.requireTrigger ?? true) && wf.nodes.length > 0 && triggers.length === 0)
    error('The workflow has no trigger node');
  for (const t of triggers) if (incoming.has(t)) error(`Trigger "${t}" cannot have incoming connections`, t);

  for (const cycle of findCycles(edges)) {
    if (!cycle.some((n) => LOOP_TYPES.has(canonicalNodeType(byName.get(n)!.type)))) {
      error(`The connections form a cycle: ${cycle.join(' → ')}`, cycle[0]);
    }
  }

  const reached = new Set<string>(triggers);
  const queue = [...triggers];
  while (queue.length)
    for (const next of edges.get(queue.shift()!) ?? [])
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
  for (const name of byName.keys()) {
    const type = canonicalNodeType(byName.get(name)!.type);
    if (!reached.has(name) && type !== 'stickyNote' && triggers.length > 0) {
      issues.push({ severity: 'error', message: `"${name}" is not connected to any trigger`, node: name });
    }
  }
  return issues;
}

/** One representative cycle per strongly connected component with a cycle (Tarjan). */
function findCycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const nodes = new Set<string>([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])]);
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)?.has(v)) cycles.push(component.reverse());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return cycles;
}
