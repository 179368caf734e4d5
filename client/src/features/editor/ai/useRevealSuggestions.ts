import { docParts } from '@tandem/shared/doc';
import { type ReactFlowState, type Rect, useReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { canvasView } from '../canvas/canvas-view.ts';
import { estimatedBounds } from '../canvas/estimated-bounds.ts';
import { GHOST_H, GHOST_W } from './ghost-geometry.ts';
import { overlaps, revealViewport, toScreen } from './reveal-viewport.ts';
import { ghostsOf, type SuggestionView, suggestionPlaces } from './suggestion-model.ts';

/** How long new suggestions must stop arriving before they are revealed (the co-author writes them one by one). */
const SETTLE_MS = 150;
const MOVE = { duration: 300 };

/** The box around suggestions' ghosts and the nodes they touch, in flow coordinates (null: nothing to show). */
function boundsOf(state: ReactFlowState, suggestions: SuggestionView[]): Rect | null {
  const placeOf = (id: string) => {
    const n = state.nodeLookup.get(id);
    return n
      ? { position: n.internals.positionAbsolute, width: n.measured.width, height: n.measured.height }
      : null;
  };
  const places = suggestions.flatMap((s) => suggestionPlaces(s, placeOf));
  return places.length > 0 ? estimatedBounds(places) : null;
}

function userIsDragging(state: ReactFlowState): boolean {
  return state.paneDragging || state.userSelectionActive || state.nodes.some((n) => n.dragging);
}

const sameViewport = (a: Viewport, b: Viewport) => a.x === b.x && a.y === b.y && a.zoom === b.zoom;

/**
 * Keeps suggestions visible beside what floats over the canvas (the panel that lists them, the other side panels, the
 * minimap: whatever `canvasView` measures). The answered `show(id)` brings a suggestion's ghosts and the nodes they
 * hang off into a part of the canvas nothing covers. Pending suggestions that arrive with a ghost under one of those
 * are revealed alike once they stop arriving, unless the user has moved the canvas since or is dragging. Either way
 * the canvas pans the least it can and never zooms in.
 */
export function useRevealSuggestions(doc: Y.Doc, list: SuggestionView[]): (id: string) => void {
  const rf = useReactFlow();
  const store = useStoreApi();
  // Suggestions already in the document when the editor opened are not news.
  const [seen] = useState(() => new Set(docParts(doc).suggestions.keys()));
  const arrived = useRef<{ ids: Set<string>; at: Viewport } | null>(null);

  const show = useCallback(
    (id: string) => {
      const state = store.getState();
      const view = canvasView(state);
      const s = list.find((x) => x.id === id);
      const target = view && s ? boundsOf(state, [s]) : null;
      const next = view && target && revealViewport({ ...view, target });
      if (next) void rf.setViewport(next, MOVE);
    },
    [list, rf, store],
  );

  useEffect(() => {
    for (const s of list) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      if (s.status !== 'pending') continue;
      arrived.current ??= { ids: new Set(), at: rf.getViewport() };
      arrived.current.ids.add(s.id);
    }
    const batch = arrived.current;
    if (!batch) return;
    const timer = setTimeout(() => {
      arrived.current = null;
      const state = store.getState();
      const view = canvasView(state);
      if (!view || userIsDragging(state) || !sameViewport(view.viewport, batch.at)) return;
      const fresh = list.filter((s) => batch.ids.has(s.id) && s.status === 'pending');
      const covered = ghostsOf(fresh, state.nodeLookup).nodes.some((g) => {
        const r = toScreen({ x: g.x, y: g.y, width: GHOST_W, height: GHOST_H }, view.viewport);
        return view.covers.some((c) => overlaps(r, c));
      });
      const target = covered ? boundsOf(state, fresh) : null;
      const next = target && revealViewport({ ...view, target });
      if (next) void rf.setViewport(next, MOVE);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [list, rf, seen, store]);

  return show;
}
