import { docParts } from '@tandem/shared/doc';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { type FlowEdge, type FlowNode, reconcileNodes, toFlowEdges } from './graph-model.ts';
import { readEdges } from './read-doc.ts';

/**
 * Canvas nodes and edges mirrored from the document. Document changes are batched per animation frame and only
 * the nodes they touched are rebuilt, so a remote drag on a 500-node canvas re-renders one node.
 */
export function useDocGraph(doc: Y.Doc | null) {
  // Built during the first render from what the document already holds (its state fetched over HTTP), so the
  // canvas mounts with every node instead of empty and filled one effect later.
  const [nodes, setNodes] = useState<FlowNode[]>(() =>
    doc ? reconcileNodes([], docParts(doc).nodes, null) : [],
  );
  const [edges, setEdges] = useState<FlowEdge[]>(() => (doc ? toFlowEdges(readEdges(doc), []) : []));
  // Ids to select as soon as they appear (a node added or pasted locally shows up one frame later).
  const pendingSelect = useRef<Set<string>>(new Set());
  useEffect(() => {
    if (!doc) return;
    const p = docParts(doc);
    let all = true;
    let edgesDirty = true;
    const dirty = new Set<string>();
    let frame = 0;
    const flush = () => {
      frame = 0;
      const changed = all ? null : new Set(dirty);
      all = false;
      dirty.clear();
      setNodes((prev) => {
        const next = reconcileNodes(prev, p.nodes, changed);
        const want = pendingSelect.current;
        if (want.size === 0) return next;
        return next.map((n) => {
          if (!want.has(n.id)) return n;
          want.delete(n.id);
          return n.selected ? n : { ...n, selected: true };
        });
      });
      if (edgesDirty) {
        edgesDirty = false;
        setEdges((prev) => {
          const next = toFlowEdges(readEdges(doc), prev);
          return next.length === prev.length && next.every((e, i) => e === prev[i]) ? prev : next;
        });
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(flush);
    };
    const onNodes = (events: Y.YEvent<any>[]) => {
      for (const ev of events) {
        if (ev.target === p.nodes)
          for (const k of (ev as Y.YMapEvent<unknown>).keysChanged ?? []) dirty.add(k);
        else if (typeof ev.path[0] === 'string') dirty.add(ev.path[0]);
      }
      // Node additions/removals can make edges appear or vanish.
      edgesDirty ||= events.some((ev) => ev.target === p.nodes);
      schedule();
    };
    const onEdges = () => {
      edgesDirty = true;
      schedule();
    };
    p.nodes.observeDeep(onNodes);
    p.edges.observe(onEdges);
    flush();
    return () => {
      if (frame) cancelAnimationFrame(frame);
      p.nodes.unobserveDeep(onNodes);
      p.edges.unobserve(onEdges);
    };
  }, [doc]);
  const applyLocalNodeChanges = useCallback(
    (changes: NodeChange<FlowNode>[]) => setNodes((ns) => applyNodeChanges(changes, ns)),
    [],
  );
  const applyLocalEdgeChanges = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => setEdges((es) => applyEdgeChanges(changes, es)),
    [],
  );
  /** Selects exactly `ids`, including nodes that are not on the canvas yet. */
  const selectOnly = useCallback((ids: string[]) => {
    const want = new Set(ids);
    pendingSelect.current = new Set(ids);
    setNodes((ns) =>
      ns.map((n) => {
        if (want.has(n.id)) pendingSelect.current.delete(n.id);
        return n.selected === want.has(n.id) ? n : { ...n, selected: want.has(n.id) };
      }),
    );
  }, []);
  return { nodes, edges, selectOnly, applyLocalNodeChanges, applyLocalEdgeChanges };
}
