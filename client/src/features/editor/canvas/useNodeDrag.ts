import type { NodeChange } from '@xyflow/react';
import { useCallback, useRef, useState } from 'react';
import type { CollabSession } from '../collab/collab-session.ts';
import type { FlowNode } from '../doc/graph-model.ts';
import { type DragPositions, nextDragPositions, splitDragChanges } from './local-drag.ts';

/** How often a dragged node's position is written to the shared document (peers see the drag at ~12 Hz). */
const DRAG_WRITE_MS = 80;
const NONE: DragPositions = new Map();

/**
 * Node changes from the canvas: a drag in progress moves nodes in canvas-local state every frame; the editor's
 * node list hears of its start and end, and the document (so everyone else) gets the position at most every
 * DRAG_WRITE_MS: each write is a transaction, an update on the socket and in IndexedDB, and a
 * saved→syncing→saved flip. The end of a drag is written at once so nobody sees a stale final position.
 */
export function useNodeDrag(
  session: CollabSession,
  readOnly: boolean,
  applyLocalNodeChanges: (c: NodeChange<FlowNode>[]) => void,
) {
  const [positions, setPositions] = useState<DragPositions>(NONE);
  const dragging = useRef(new Set<string>());
  const pendingMoves = useRef(new Map<string, [number, number]>());
  const writeTimer = useRef<ReturnType<typeof setTimeout> | 0>(0);

  const flushMoves = useCallback(() => {
    writeTimer.current = 0;
    const moves = [...pendingMoves.current];
    pendingMoves.current.clear();
    if (moves.length === 0) return;
    session.doc.transact(() => {
      for (const [nodeId, position] of moves) {
        try {
          session.apply([{ op: 'moveNode', nodeId, position }]);
        } catch {
          // Removed by someone else mid-drag: nothing to move.
        }
      }
    }, session.origin);
  }, [session]);
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const { lifted, moves, ended } = splitDragChanges(
        changes.filter((c) => c.type !== 'remove'),
        dragging.current,
      );
      if (lifted.length > 0) applyLocalNodeChanges(lifted);
      setPositions((p) => nextDragPositions(p, moves, ended));
      if (readOnly) return;
      for (const c of changes)
        if (c.type === 'position' && c.position)
          pendingMoves.current.set(c.id, [Math.round(c.position.x), Math.round(c.position.y)]);
      if (pendingMoves.current.size === 0) return;
      if (ended.length > 0) {
        if (writeTimer.current) clearTimeout(writeTimer.current);
        flushMoves();
      } else if (!writeTimer.current) writeTimer.current = setTimeout(flushMoves, DRAG_WRITE_MS);
    },
    [applyLocalNodeChanges, readOnly, flushMoves],
  );
  return { positions, onNodesChange };
}
