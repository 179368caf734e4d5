import type { DocOpInput } from '@tandem/shared/doc';
import { uniqueName } from '../doc/read-doc.ts';
import { defaultParameters, type NodeDescriptionDto } from '../library/node-catalog.ts';

/**
 * The addNode operation for a node type from the library (default parameters, newest version, unique name).
 * @example newNodeOp('code', desc, new Set(['Code']), [0, 0], () => 'id1').node.name // 'Code1'
 */
export function newNodeOp(
  type: string,
  desc: NodeDescriptionDto | undefined,
  taken: Set<string>,
  position: [number, number],
  makeId: () => string,
): DocOpInput & { op: 'addNode' } {
  const versions = desc?.versions?.filter((v) => typeof v === 'number' && v > 0) ?? [];
  return {
    op: 'addNode',
    node: {
      id: makeId(),
      name: uniqueName(desc?.displayName ?? type, taken),
      type,
      typeVersion: versions.length ? versions[versions.length - 1] : 1,
      position,
      parameters: desc ? (defaultParameters(desc) as never) : {},
    },
  };
}

/** The addNode operation for a sticky note. */
export function newStickyOp(
  taken: Set<string>,
  position: [number, number],
  makeId: () => string,
): DocOpInput & { op: 'addNode' } {
  return {
    op: 'addNode',
    node: {
      id: makeId(),
      name: uniqueName('Sticky Note', taken),
      type: 'stickyNote',
      typeVersion: 1,
      position,
      parameters: { content: '', width: 240, height: 160, color: 1 },
    },
  };
}
