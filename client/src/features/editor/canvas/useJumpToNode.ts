import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { revealViewport } from '../ai/reveal-viewport.ts';
import type { FlowEdge, FlowNode } from '../doc/graph-model.ts';
import { canvasView } from './canvas-view.ts';

/**
 * "Show this node" (a failed run's node, a replay row, an Activity entry): selects it and pans the least that brings
 * it whole into view, clear of what floats over the canvas (side panels such as the one clicked in, minimap,
 * controls); not at all when it is, zoomed out only when it cannot fit. Answers the node's id; undefined when it is
 * not on the canvas (deleted since). Lookup by id or by name (engine results name nodes).
 */
export function useJumpToNode(nodes: FlowNode[], selectOnly: (ids: string[]) => void) {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const store = useStoreApi<FlowNode, FlowEdge>();
  const find = useCallback(
    (key: { id?: string; name?: string }) =>
      nodes.find((n) => (key.id ? n.id === key.id : n.type === 'tandem' && n.data.name === key.name)),
    [nodes],
  );
  const jump = useCallback(
    (key: { id?: string; name?: string }) => {
      const n = find(key);
      if (!n) return undefined;
      selectOnly([n.id]);
      const w = n.measured?.width ?? n.width ?? 220;
      const h = n.measured?.height ?? n.height ?? 64;
      const reveal = () => {
        const state = store.getState();
        const view = canvasView(state);
        const at = state.nodeLookup.get(n.id)?.internals.positionAbsolute ?? n.position;
        const next = view && revealViewport({ ...view, target: { ...at, width: w, height: h } });
        if (next) void rf.setViewport(next, { duration: 300 });
      };
      reveal();
      // Again when the canvas changes size soon after: a panel opened with the jump takes its room, the first time
      // only once its code has loaded and React has shown it (after a pause of its own).
      let size = [store.getState().width, store.getState().height];
      const stop = store.subscribe(({ width, height }) => {
        if (width === size[0] && height === size[1]) return;
        size = [width, height];
        reveal();
      });
      setTimeout(stop, 1000);
      return n.id;
    },
    [find, selectOnly, rf, store],
  );
  return { jump, has: (key: { id?: string; name?: string }) => !!find(key) };
}
