import type { WorkflowJson } from '@tandem/shared/schema';

/** The last node of a plain chain and the node before it (null when the chain is its start node alone). */
export type ChainTail = { end: string; beforeEnd: string | null };

const cache = new WeakMap<WorkflowJson, Map<string, ChainTail | null>>();

/**
 * The node after which nothing can run, when the part of `workflow` reachable from `startNode` is a plain chain
 * (every node there has at most one edge in and one edge out, of any connection type, and no node is a
 * sub-node): its last node. Otherwise null. Its checkpoint need not be committed before the run goes on — no
 * node starts after it — so it is written with the final state, in one commit. Cached per workflow object
 * (published versions are parsed once and immutable).
 */
export function chainEnd(workflow: WorkflowJson, startNode: string | undefined): string | null {
  return chainTail(workflow, startNode)?.end ?? null;
}

/** `chainEnd` with the node before the end. */
export function chainTail(workflow: WorkflowJson, startNode: string | undefined): ChainTail | null {
  if (!startNode) return null;
  let byStart = cache.get(workflow);
  if (!byStart) cache.set(workflow, (byStart = new Map()));
  let tail = byStart.get(startNode);
  if (tail === undefined) byStart.set(startNode, (tail = compute(workflow, startNode)));
  return tail;
}

function compute(workflow: WorkflowJson, startNode: string): ChainTail | null {
  const inbound = new Map<string, number>();
  const outbound = new Map<string, string[]>();
  for (const [from, types] of Object.entries(workflow.connections ?? {})) {
    const targets: string[] = [];
    for (const outputs of Object.values(types ?? {}))
      for (const output of outputs ?? []) for (const t of output ?? []) targets.push(t.node);
    outbound.set(from, targets);
    for (const t of targets) inbound.set(t, (inbound.get(t) ?? 0) + 1);
  }
  const names = new Set(workflow.nodes.map((n) => n.name));
  if (!names.has(startNode)) return null;
  let node = startNode;
  let before: string | null = null;
  const seen = new Set<string>();
  for (;;) {
    if (seen.has(node)) return null; // a cycle
    seen.add(node);
    const next = outbound.get(node) ?? [];
    if (next.length === 0) return { end: node, beforeEnd: before };
    if (next.length > 1) return null;
    before = node;
    node = next[0];
    if ((inbound.get(node) ?? 0) > 1 || !names.has(node)) return null;
  }
}
