import * as Y from 'yjs';
import { type Attribution, docParts, NODE_KEYS } from './layout.ts';

/**
 * Who changed each field of a node last, and when. Keys: '' (the node as a whole), 'node' (created),
 * 'position', 'name', a node field name, or `parameters.<path>` (path joined with '.').
 * @example attribution(doc, 'n1')['parameters.url'] // { userId: 'u1', name: 'Ada', at: 1764000000000 }
 */
export function attribution(doc: Y.Doc, nodeId: string): Record<string, Attribution> {
  const node = docParts(doc).nodes.get(nodeId);
  const attr = node instanceof Y.Map ? node.get(NODE_KEYS.attribution) : undefined;
  const out: Record<string, Attribution> = {};
  if (!(attr instanceof Y.Map)) return out;
  for (const [k, v] of attr) {
    if (v && typeof v === 'object' && typeof (v as Attribution).userId === 'string') {
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

/** Transaction origin of attribution-only writes (not an edit: undo managers leave it alone). */
export const ATTRIBUTION_ORIGIN = Symbol('tandem:attribution');

/**
 * Records that `actor` changed `field` of a node (e.g. `parameters.jsCode` while typing in a shared code editor,
 * where the text changes arrive as Y.Text edits that no operation attributes).
 * @example attributeTyping(doc, 'n1', 'parameters.jsCode', { userId: 'u1', name: 'Ada' })
 */
export function attributeTyping(
  doc: Y.Doc,
  nodeId: string,
  field: string,
  actor: { userId: string; name?: string },
  now = Date.now(),
): void {
  const node = docParts(doc).nodes.get(nodeId);
  if (!(node instanceof Y.Map)) return;
  doc.transact(() => {
    let attr = node.get(NODE_KEYS.attribution);
    if (!(attr instanceof Y.Map)) node.set(NODE_KEYS.attribution, (attr = new Y.Map()));
    const a = { userId: actor.userId, at: now, ...(actor.name ? { name: actor.name } : {}) };
    (attr as Y.Map<unknown>).set(field, a);
    (attr as Y.Map<unknown>).set('', a);
  }, ATTRIBUTION_ORIGIN);
}
