import * as Y from 'yjs';
import type { WorkflowNode } from '../schema/workflow.ts';
import { NODE_KEYS } from './layout.ts';
import { clonePlain, defineKey, fromYValue, orderedEntries, toYValue } from './values.ts';

/** Node fields stored as Y.Text (free text people may write together). */
export const TEXT_NODE_FIELDS = new Set(['notes']);

/** Builds the Y.Map of one node (not yet integrated in a document). */
export function nodeToYMap(node: WorkflowNode): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined) continue;
    if (key === 'parameters') map.set(key, toYValue(value as WorkflowNode['parameters']));
    else if (TEXT_NODE_FIELDS.has(key) && typeof value === 'string') map.set(key, new Y.Text(value));
    else map.set(key, clonePlain(value));
  }
  // a prelim (not yet integrated) Y.Map cannot be read, hence no map.has() here
  if (node.parameters === undefined) map.set('parameters', new Y.Map());
  map.set(NODE_KEYS.attribution, new Y.Map());
  return map;
}

/**
 * Reads one node map back to workflow JSON. Returns null for entries that are not a usable node
 * (a buggy or hostile peer could have written anything into the shared map).
 */
export function yMapToNode(id: string, map: unknown): WorkflowNode | null {
  if (!(map instanceof Y.Map)) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of orderedEntries(map)) {
    if (key.startsWith('$')) continue;
    defineKey(out, key, key === 'parameters' ? paramsOf(value) : fromYValue(value));
  }
  out.id = id;
  if (typeof out.name !== 'string' || typeof out.type !== 'string') return null;
  if (!out.parameters) out.parameters = {};
  return out as WorkflowNode;
}

function paramsOf(value: unknown): Record<string, unknown> {
  const v = fromYValue(value);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

/** The name of a node map, or undefined. */
export function nodeName(map: Y.Map<unknown> | undefined): string | undefined {
  const n = map?.get('name');
  return typeof n === 'string' ? n : undefined;
}
