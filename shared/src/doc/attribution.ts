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
