import * as Y from 'yjs';
import type {
  Connections,
  ConnectionTarget,
  PinData,
  WorkflowJson,
  WorkflowNode,
} from '../schema/workflow.ts';
import { DOC_LAYOUT_VERSION, type DocEdge, docParts, edgeKey, META_KEYS, NODE_KEYS } from './layout.ts';
import { nodeName, nodeToYMap, yMapToNode } from './node-map.ts';
import { clonePlain, defineKey, orderedEntries } from './values.ts';

/** Highest output index accepted from the shared map (a hostile peer must not make us allocate huge arrays). */
const MAX_SLOT = 1000;
const SPECIAL_TOP = new Set(['nodes', 'connections', 'settings', 'pinData']);

/**
 * Builds a workflow document from workflow JSON (one transaction). Node ids must be unique.
 * @example const doc = workflowToDoc(WorkflowJson.parse(json)); docToWorkflow(doc) // deep-equals the input
 */
export function workflowToDoc(wf: WorkflowJson, doc: Y.Doc = new Y.Doc(), origin: unknown = null): Y.Doc {
  const ids = new Set<string>();
  for (const n of wf.nodes) {
    if (ids.has(n.id)) throw new Error(`duplicate node id "${n.id}"`);
    ids.add(n.id);
  }
  doc.transact(() => {
    const p = docParts(doc);
    p.meta.set(META_KEYS.layoutVersion, DOC_LAYOUT_VERSION);
    for (const [key, value] of Object.entries(wf)) {
      if (SPECIAL_TOP.has(key) || value === undefined) continue;
      p.meta.set(key, clonePlain(value));
    }
    const settings = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(wf.settings ?? {}))
      if (v !== undefined) settings.set(k, clonePlain(v));
    p.meta.set('settings', settings);
    const idByName = new Map<string, string>();
    for (const node of wf.nodes) {
      if (!idByName.has(node.name)) idByName.set(node.name, node.id);
      p.nodes.set(node.id, nodeToYMap(node));
    }
    writeConnections(doc, wf.connections ?? {}, idByName);
    const orphanPins: PinData = {};
    for (const [name, items] of Object.entries(wf.pinData ?? {})) {
      const id = idByName.get(name);
      if (id) p.pinData.set(id, clonePlain(items));
      else defineKey(orphanPins, name, clonePlain(items));
    }
    if (Object.keys(orphanPins).length) p.meta.set(META_KEYS.orphanPinData, orphanPins);
    if (wf.pinData !== undefined && Object.keys(wf.pinData).length === 0)
      p.meta.set(META_KEYS.orphanPinData, {});
  }, origin);
  return doc;
}

function writeConnections(doc: Y.Doc, connections: Connections, idByName: Map<string, string>): void {
  const p = docParts(doc);
  const orphans: Connections = {};
  for (const [sourceName, byType] of Object.entries(connections)) {
    const source = idByName.get(sourceName);
    if (!source) {
      defineKey(orphans, sourceName, clonePlain(byType));
      continue;
    }
    const shape: Record<string, number[]> = {};
    for (const [type, slots] of Object.entries(byType)) {
      defineKey(
        shape,
        type,
        slots.map((s) => (s === null ? 1 : 0)),
      );
      slots.forEach((targets, sourceOutput) => {
        for (const t of targets ?? []) {
          const target = idByName.get(t.node) ?? null;
          const edge: DocEdge = {
            source,
            type,
            sourceOutput,
            target,
            targetType: t.type,
            targetInput: t.index,
          };
          if (target === null) edge.targetName = t.node;
          let key = edgeKey(edge);
          for (let i = 2; p.edges.has(key); i++) key = `${edgeKey(edge)}#${i}`;
          p.edges.set(key, edge);
        }
      });
    }
    p.nodes.get(source)?.set(NODE_KEYS.outputs, shape);
  }
  if (Object.keys(orphans).length) p.meta.set(META_KEYS.orphanConnections, orphans);
}

/**
 * Reads a workflow document back to workflow JSON. Deterministic: every peer holding the same
 * document state gets the same JSON. Entries a peer wrote in a shape the layout does not allow are skipped.
 */
export function docToWorkflow(doc: Y.Doc): WorkflowJson {
  const p = docParts(doc);
  const wf: Record<string, unknown> = {};
  for (const [key, value] of orderedEntries(p.meta)) {
    if (key.startsWith('$') || key === 'settings') continue;
    defineKey(wf, key, clonePlain(value));
  }
  if (typeof wf.name !== 'string') wf.name = 'Untitled';
  const nodes: WorkflowNode[] = [];
  const nameById = new Map<string, string>();
  for (const [id, map] of orderedEntries(p.nodes)) {
    const node = yMapToNode(id, map);
    if (!node) continue;
    nodes.push(node);
    nameById.set(id, node.name);
  }
  wf.nodes = nodes;
  wf.connections = readConnections(doc, nameById);
  const settings = p.meta.get('settings');
  const s: Record<string, unknown> = {};
  if (settings instanceof Y.Map)
    for (const [k, v] of orderedEntries(settings)) defineKey(s, k, clonePlain(v));
  wf.settings = s;
  const orphanPins = p.meta.get(META_KEYS.orphanPinData);
  if (p.pinData.size > 0 || orphanPins !== undefined) {
    const pins: Record<string, unknown> = {};
    for (const [id, items] of orderedEntries(p.pinData)) {
      const name = nameById.get(id);
      if (name !== undefined && Array.isArray(items)) defineKey(pins, name, clonePlain(items));
    }
    if (orphanPins && typeof orphanPins === 'object') {
      for (const [k, v] of Object.entries(orphanPins))
        if (!Object.hasOwn(pins, k)) defineKey(pins, k, clonePlain(v));
    }
    wf.pinData = pins;
  }
  return wf as WorkflowJson;
}

function readConnections(doc: Y.Doc, nameById: Map<string, string>): Connections {
  const p = docParts(doc);
  const bySource = new Map<string, Map<string, (ConnectionTarget[] | null)[]>>();
  const slotsOf = (source: string, type: string) => {
    let byType = bySource.get(source);
    if (!byType) bySource.set(source, (byType = new Map()));
    let slots = byType.get(type);
    if (!slots) byType.set(type, (slots = []));
    return slots;
  };
  for (const [id, map] of orderedEntries(p.nodes)) {
    if (!nameById.has(id) || !(map instanceof Y.Map)) continue;
    const shape = map.get(NODE_KEYS.outputs);
    if (!shape || typeof shape !== 'object') continue;
    bySource.set(id, new Map());
    for (const [type, marks] of Object.entries(shape as Record<string, unknown>)) {
      if (!Array.isArray(marks)) continue;
      const slots = slotsOf(id, type);
      marks.forEach((m, i) => {
        slots[i] = m === 1 ? null : [];
      });
    }
  }
  for (const [, e] of orderedEntries(p.edges)) {
    if (!isEdge(e) || !nameById.has(e.source)) continue;
    const targetName = e.target === null ? e.targetName : nameById.get(e.target);
    if (targetName === undefined) continue; // edge to a deleted node: invisible, like n8n
    const slots = slotsOf(e.source, e.type);
    for (let i = slots.length; i <= e.sourceOutput; i++) slots[i] = [];
    const slot = slots[e.sourceOutput] ?? [];
    slots[e.sourceOutput] = slot;
    slot.push({ node: targetName, type: e.targetType, index: e.targetInput });
  }
  const out: Connections = {};
  for (const [id, map] of orderedEntries(p.nodes)) {
    const byType = bySource.get(id);
    const name = nameById.get(id);
    if (!byType || name === undefined || !(map instanceof Y.Map) || Object.hasOwn(out, name)) continue;
    const entry: Record<string, (ConnectionTarget[] | null)[]> = {};
    for (const [type, slots] of byType)
      defineKey(
        entry,
        type,
        Array.from(slots, (s) => (s === undefined ? [] : s)),
      );
    defineKey(out, name, entry);
  }
  const orphans = p.meta.get(META_KEYS.orphanConnections);
  if (orphans && typeof orphans === 'object') {
    for (const [k, v] of Object.entries(orphans))
      if (!Object.hasOwn(out, k)) defineKey(out, k, clonePlain(v));
  }
  return out;
}

/** Type guard for edges read from the shared map. */
export function isEdge(e: unknown): e is DocEdge {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  return (
    typeof x.source === 'string' &&
    typeof x.type === 'string' &&
    Number.isInteger(x.sourceOutput) &&
    (x.sourceOutput as number) >= 0 &&
    (x.sourceOutput as number) <= MAX_SLOT &&
    (typeof x.target === 'string' || (x.target === null && typeof x.targetName === 'string')) &&
    typeof x.targetType === 'string' &&
    Number.isInteger(x.targetInput)
  );
}

/** Name of a node by id (undefined if absent). */
export function nodeNameById(doc: Y.Doc, id: string): string | undefined {
  return nodeName(docParts(doc).nodes.get(id));
}
