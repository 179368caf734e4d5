import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { FlowEdge, FlowNode } from '../doc/graph-model.ts';

/**
 * "Show this node": selects it and centres the canvas on it. Answers false when the node is not on the canvas
 * (deleted since). Lookup by id or by name (engine results name nodes).
 */
export function useJumpToNode(nodes: FlowNode[], selectOnly: (ids: string[]) => void) {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const find = useCallback(
    (key: { id?: string; name?: string }) =>
      nodes.find((n) => (key.id ? n.id === key.id : n.type === 'tandem' && n.data.name === key.name)),
    [nodes],
  );
  const jump = useCallback(
    (key: { id?: string; name?: string }) => {
      const n = find(key);
      if (!n) return false;
      selectOnly([n.id]);
      const w = n.measured?.width ?? n.width ?? 220;
      const h = n.measured?.height ?? n.height ?? 64;
      void rf.setCenter(n.position.x + w / 2, n.position.y + h / 2, {
        duration: 300,
        zoom: Math.max(rf.getZoom(), 0.9),
      });
      return true;
    },
    [find, selectOnly, rf],
  );
  return { jump, has: (key: { id?: string; name?: string }) => !!find(key) };
}
