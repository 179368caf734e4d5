import type { WorkflowJson, WorkflowNode } from '@tandem/shared/schema';

export interface NodeChange {
  id: string;
  name: string;
  kind: 'added' | 'removed' | 'changed';
  /** For changed nodes: which fields differ (parameters by top-level key). */
  fields: string[];
}

export interface WorkflowDiff {
  nodes: NodeChange[];
  connectionsChanged: boolean;
  settingsChanged: boolean;
}

function stable(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

const IGNORED = new Set(['id', 'parameters']);

function nodeFields(a: WorkflowNode, b: WorkflowNode): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (IGNORED.has(k)) continue;
    if (stable((a as Record<string, unknown>)[k]) !== stable((b as Record<string, unknown>)[k])) out.push(k);
  }
  const pa = a.parameters ?? {};
  const pb = b.parameters ?? {};
  for (const k of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
    if (stable(pa[k]) !== stable(pb[k])) out.push(`parameters.${k}`);
  }
  return out.sort();
}

/**
 * Node-level diff from `base` (e.g. the published version) to `next` (e.g. the draft). Nodes are matched by id,
 * falling back to name (n8n exports may carry new ids).
 * @example diffWorkflows(published, draft).nodes.filter(c => c.kind === 'added')
 */
export function diffWorkflows(
  base: Pick<WorkflowJson, 'nodes' | 'connections' | 'settings'>,
  next: Pick<WorkflowJson, 'nodes' | 'connections' | 'settings'>,
): WorkflowDiff {
  const nodes: NodeChange[] = [];
  const baseById = new Map(base.nodes.map((n) => [n.id, n]));
  const baseByName = new Map(base.nodes.map((n) => [n.name, n]));
  const matched = new Set<WorkflowNode>();
  for (const n of next.nodes) {
    const old = baseById.get(n.id) ?? baseByName.get(n.name);
    if (!old || matched.has(old)) {
      nodes.push({ id: n.id, name: n.name, kind: 'added', fields: [] });
      continue;
    }
    matched.add(old);
    const fields = nodeFields(old, n);
    if (fields.length) nodes.push({ id: n.id, name: n.name, kind: 'changed', fields });
  }
  for (const n of base.nodes)
    if (!matched.has(n)) nodes.push({ id: n.id, name: n.name, kind: 'removed', fields: [] });
  return {
    nodes,
    connectionsChanged: stable(base.connections ?? {}) !== stable(next.connections ?? {}),
    settingsChanged: stable(base.settings ?? {}) !== stable(next.settings ?? {}),
  };
}

/** True when the diff has no change at all. */
export function isEmptyDiff(d: WorkflowDiff): boolean {
  return d.nodes.length === 0 && !d.connectionsChanged && !d.settingsChanged;
}
