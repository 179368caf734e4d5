import type { DocOpInput } from '@tandem/shared/doc';
import type { Connections, WorkflowJson, WorkflowNode } from '@tandem/shared/schema';
import { uniqueName } from './read-doc.ts';

/** What goes to the clipboard: a workflow JSON fragment (pastes into n8n too). */
export interface ClipboardFragment {
  nodes: WorkflowNode[];
  connections: Connections;
}

/**
 * Cuts the selected nodes (and the connections between them) out of a full workflow JSON.
 * @example selectionFragment(docToWorkflow(doc), new Set(['n1', 'n2']))
 */
export function selectionFragment(wf: WorkflowJson, ids: Set<string>): ClipboardFragment {
  const nodes = wf.nodes.filter((n) => ids.has(n.id));
  const names = new Set(nodes.map((n) => n.name));
  const connections: Connections = {};
  for (const [source, byType] of Object.entries(wf.connections)) {
    if (!names.has(source)) continue;
    const kept: Connections[string] = {};
    for (const [type, slots] of Object.entries(byType)) {
      kept[type] = slots.map((slot) => (slot ? slot.filter((t) => names.has(t.node)) : slot));
    }
    connections[source] = kept;
  }
  return { nodes, connections };
}

/** Parses clipboard text; null when it is not a workflow fragment. */
export function parseFragment(text: string): ClipboardFragment | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || !Array.isArray((v as ClipboardFragment).nodes)) return null;
  const nodes = (v as ClipboardFragment).nodes.filter(
    (n): n is WorkflowNode =>
      !!n &&
      typeof n === 'object' &&
      typeof n.name === 'string' &&
      typeof n.type === 'string' &&
      n.name.length > 0,
  );
  if (nodes.length === 0) return null;
  const c = (v as ClipboardFragment).connections;
  return { nodes, connections: c && typeof c === 'object' && !Array.isArray(c) ? c : {} };
}

/**
 * Turns a fragment into edit operations: fresh ids, names made unique against `taken`, positions moved so the
 * fragment's top-left lands at `at`, connections re-pointed at the renamed nodes.
 * @example pasteOps(fragment, new Set(['Code']), [100, 100], () => crypto.randomUUID())
 */
export function pasteOps(
  frag: ClipboardFragment,
  taken: Set<string>,
  at: [number, number],
  newId: () => string,
): { ops: DocOpInput[]; ids: string[] } {
  const names = new Set(taken);
  const rename = new Map<string, string>();
  const idOf = new Map<string, string>();
  const xs = frag.nodes.map((n) => (Array.isArray(n.position) ? Number(n.position[0]) || 0 : 0));
  const ys = frag.nodes.map((n) => (Array.isArray(n.position) ? Number(n.position[1]) || 0 : 0));
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const ops: DocOpInput[] = [];
  frag.nodes.forEach((n, i) => {
    if (rename.has(n.name)) return; // duplicate names in the fragment: keep the first
    const name = uniqueName(n.name, names);
    names.add(name);
    rename.set(n.name, name);
    const id = newId();
    idOf.set(n.name, id);
    const node: WorkflowNode = {
      ...n,
      id,
      name,
      typeVersion: typeof n.typeVersion === 'number' && n.typeVersion > 0 ? n.typeVersion : 1,
      position: [Math.round(xs[i] - minX + at[0]), Math.round(ys[i] - minY + at[1])],
      parameters: n.parameters && typeof n.parameters === 'object' ? n.parameters : {},
    };
    delete (node as { webhookId?: string }).webhookId;
    ops.push({ op: 'addNode', node });
  });
  for (const [sourceName, byType] of Object.entries(frag.connections)) {
    const source = idOf.get(sourceName);
    if (!source || !byType || typeof byType !== 'object') continue;
    for (const [type, slots] of Object.entries(byType)) {
      if (!Array.isArray(slots)) continue;
      slots.forEach((slot, sourceOutput) => {
        for (const t of Array.isArray(slot) ? slot : []) {
          const target = t && idOf.get(t.node);
          if (!target) continue;
          ops.push({
            op: 'connect',
            edge: {
              source,
              type,
              sourceOutput,
              target,
              targetType: t.type ?? 'main',
              targetInput: t.index ?? 0,
            },
          });
        }
      });
    }
  }
  return { ops, ids: [...idOf.values()] };
}
