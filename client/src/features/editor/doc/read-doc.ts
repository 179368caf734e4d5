import { type DocEdge, docParts, edgeKey, NODE_KEYS } from '@tandem/shared/doc';
import * as Y from 'yjs';

/** Plain JSON of a Yjs value (Y.Text → string, Y.Map → object, Y.Array → array). */
export function readY(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.Array) return value.toArray().map(readY);
  if (value instanceof Y.Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.entries()) {
      if (k === '__proto__') continue;
      out[k] = readY(v);
    }
    return out;
  }
  return value;
}

/** What the canvas needs of one node. */
export interface NodeView {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: { x: number; y: number };
  disabled: boolean;
  notes: string;
  parameters: Record<string, unknown>;
  hasCredentials: boolean;
}

/** Reads one node map; null when the entry is not a usable node. */
export function readNode(id: string, map: unknown): NodeView | null {
  if (!(map instanceof Y.Map)) return null;
  const name = map.get('name');
  const type = map.get('type');
  if (typeof name !== 'string' || typeof type !== 'string') return null;
  const pos = map.get('position');
  const [x, y] = Array.isArray(pos) && pos.length === 2 ? pos : [0, 0];
  const params = readY(map.get('parameters'));
  const tv = map.get('typeVersion');
  return {
    id,
    name,
    type,
    typeVersion: typeof tv === 'number' ? tv : 1,
    position: { x: Number.isFinite(x) ? x : 0, y: Number.isFinite(y) ? y : 0 },
    disabled: map.get('disabled') === true,
    notes: String(readY(map.get('notes')) ?? ''),
    parameters:
      params && typeof params === 'object' && !Array.isArray(params)
        ? (params as Record<string, unknown>)
        : {},
    hasCredentials: Boolean(map.get('credentials')),
  };
}

/** Edge with its id, for the canvas. Edges to missing nodes are skipped. */
export interface EdgeView extends DocEdge {
  id: string;
  target: string;
}

/** Reads all well-formed edges whose ends both exist. */
export function readEdges(doc: Y.Doc): EdgeView[] {
  const p = docParts(doc);
  const out: EdgeView[] = [];
  for (const [id, e] of p.edges.entries()) {
    if (!e || typeof e !== 'object') continue;
    const x = e as DocEdge;
    if (typeof x.source !== 'string' || typeof x.target !== 'string') continue;
    if (!Number.isInteger(x.sourceOutput) || !Number.isInteger(x.targetInput)) continue;
    if (!p.nodes.has(x.source) || !p.nodes.has(x.target)) continue;
    out.push({ ...x, id, target: x.target });
  }
  return out;
}

/** Node names in use (for unique naming of new nodes). */
export function nodeNames(doc: Y.Doc): Set<string> {
  const names = new Set<string>();
  for (const [, m] of docParts(doc).nodes.entries()) {
    const n = m instanceof Y.Map ? m.get('name') : undefined;
    if (typeof n === 'string') names.add(n);
  }
  return names;
}

/**
 * A name not in `taken`: "HTTP Request", "HTTP Request1", "HTTP Request2", … (n8n's scheme).
 * @example uniqueName('Code', new Set(['Code'])) // 'Code1'
 */
export function uniqueName(base: string, taken: Set<string>): string {
  const clean = base.trim().slice(0, 120) || 'Node';
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/\d+$/, '');
  for (let i = 1; ; i++) {
    const candidate = `${stem}${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Id of the edge between two handles, as the shared layout computes it. */
export function edgeIdOf(e: DocEdge): string {
  return edgeKey(e);
}

export { NODE_KEYS };
