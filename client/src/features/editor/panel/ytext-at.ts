import { docParts } from '@tandem/shared/doc';
import * as Y from 'yjs';

/**
 * The Y.Text stored at a node parameter path, or null when the value there is absent or not shared text.
 * @example ytextAt(doc, 'n1', ['jsCode'])
 */
export function ytextAt(doc: Y.Doc, nodeId: string, path: (string | number)[]): Y.Text | null {
  const node = docParts(doc).nodes.get(nodeId);
  if (!(node instanceof Y.Map)) return null;
  let cur: unknown = node.get('parameters');
  for (const seg of path) {
    if (cur instanceof Y.Map && typeof seg === 'string') cur = cur.get(seg);
    else if (cur instanceof Y.Array && typeof seg === 'number' && seg < cur.length) cur = cur.get(seg);
    else return null;
  }
  return cur instanceof Y.Text ? cur : null;
}
