import { newId } from '@tandem/shared/util';
import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  type OnSelectionChangeParams,
  ReactFlow,
  useReactFlow,
  type Viewport,
} from '@xyflow/react';
import { type DragEvent, type MouseEvent, memo, useCallback, useMemo, useRef } from 'react';
import { ErrorBoundary } from '../../../ui/ErrorBoundary.tsx';
import { AiCanvasLayer } from '../ai/index.tsx';
import type { Peer } from '../collab/awareness-state.ts';
import { type FlowEdge, type FlowNode, handleIndex } from '../doc/graph-model.ts';
import { nodeNames } from '../doc/read-doc.ts';
import { useEditor } from '../editor-context.ts';
import { CursorsLayer } from '../presence/CursorsLayer.tsx';
import type { DiffKind } from '../replay/replay-model.ts';
import type { ExecOverlay } from '../run/exec-state.ts';
import { newNodeOp } from './new-node.ts';
import { nodeTypes } from './node-types.ts';

export const LIBRARY_DRAG_TYPE = 'application/x-tandem-node-type';
/** How often a dragged node's position is written to the shared document (peers see the drag at ~12 Hz). */
const DRAG_WRITE_MS = 80;

/** The workflow canvas bound to the shared document (memoised: the editor re-renders for things it does not show). */
export const Canvas = memo(function Canvas({
  nodes,
  edges,
  peers,
  overlay,
  replayDiff = null,
  commentCounts,
  applyLocalNodeChanges,
  applyLocalEdgeChanges,
  onSelection,
  onOpenNode,
  defaultViewport,
}: {
  nodes: FlowNode[];
  edges: FlowEdge[];
  peers: Peer[];
  overlay: ExecOverlay;
  /** Per node name, how a replay against the draft changed its output (while the replay panel is open). */
  replayDiff?: Map<string, DiffKind> | null;
  /** Open comment threads per node id. */
  commentCounts: Map<string, number>;
  applyLocalNodeChanges: (c: NodeChange<FlowNode>[]) => void;
  applyLocalEdgeChanges: (c: EdgeChange<FlowEdge>[]) => void;
  onSelection: (ids: string[]) => void;
  onOpenNode: (id: string) => void;
  /** The viewport the canvas opens with (React Flow reads it once, at mount). */
  defaultViewport?: Viewport;
}) {
  const { session, readOnly, descriptions } = useEditor();
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const lastCursor = useRef(0);

  // Decorate only nodes that other people select or that the current run touched; the rest keep identity.
  const shown = useMemo(() => {
    const bySel = new Map<string, { name: string; color: string }[]>();
    for (const p of peers)
      for (const id of p.selection) {
        const list = bySel.get(id) ?? [];
        if (!list.some((x) => x.name === p.user.name)) list.push({ name: p.user.name, color: p.user.color });
        bySel.set(id, list);
      }
    const hasRun = Object.keys(overlay.nodes).length > 0;
    if (bySel.size === 0 && !hasRun && commentCounts.size === 0 && !replayDiff) return nodes;
    return nodes.map((n) => {
      const sel = bySel.get(n.id);
      const run = overlay.nodes[n.data.name];
      const comments = commentCounts.get(n.id);
      const diff = replayDiff?.get(n.data.name);
      if (!sel && !run && !comments && !diff) return n;
      return { ...n, data: { ...n.data, peers: sel, run, comments, diff } };
    });
  }, [nodes, peers, overlay, commentCounts, replayDiff]);

  // During a drag the canvas moves the node locally every frame; the document (and so everyone else) gets the
  // position at most every DRAG_WRITE_MS: each write is a transaction, an update on the socket and in IndexedDB,
  // and a saved→syncing→saved flip. The end of a drag is written at once so nobody sees a stale final position.
  const pendingMoves = useRef(new Map<string, [number, number]>());
  const moveFrame = useRef<ReturnType<typeof setTimeout> | 0>(0);
  const flushMoves = useCallback(() => {
    moveFrame.current = 0;
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
      applyLocalNodeChanges(changes.filter((c) => c.type !== 'remove'));
      if (readOnly) return;
      let ended = false;
      for (const c of changes) {
        if (c.type !== 'position' || !c.position) continue;
        pendingMoves.current.set(c.id, [Math.round(c.position.x), Math.round(c.position.y)]);
        if (!c.dragging) ended = true;
      }
      if (pendingMoves.current.size === 0) return;
      if (ended) {
        if (moveFrame.current) clearTimeout(moveFrame.current);
        flushMoves();
      } else if (!moveFrame.current) moveFrame.current = setTimeout(flushMoves, DRAG_WRITE_MS);
    },
    [applyLocalNodeChanges, readOnly, flushMoves],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => applyLocalEdgeChanges(changes.filter((c) => c.type !== 'remove')),
    [applyLocalEdgeChanges],
  );

  const onDelete = useCallback(
    ({ nodes: ns, edges: es }: { nodes: FlowNode[]; edges: FlowEdge[] }) => {
      if (readOnly) return;
      const gone = new Set(ns.map((n) => n.id));
      session.doc.transact(() => {
        for (const e of es)
          if (!gone.has(e.source) && !gone.has(e.target)) session.apply([{ op: 'disconnect', edgeId: e.id }]);
        for (const id of gone) session.apply([{ op: 'removeNode', nodeId: id }]);
      }, session.origin);
    },
    [readOnly, session],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (readOnly || !c.source || !c.target || c.source === c.target) return;
      session.apply([
        {
          op: 'connect',
          edge: {
            source: c.source,
            sourceOutput: handleIndex(c.sourceHandle),
            target: c.target,
            targetInput: handleIndex(c.targetHandle),
          },
        },
      ]);
    },
    [readOnly, session],
  );

  const onSelectionChange = useCallback(
    ({ nodes: sel }: OnSelectionChangeParams) => onSelection(sel.map((n) => n.id)),
    [onSelection],
  );

  const onMouseMove = useCallback(
    (e: MouseEvent) => {
      const now = performance.now();
      if (now - lastCursor.current < 40) return;
      lastCursor.current = now;
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      session.provider.awareness.setLocalStateField('pointer', { x: Math.round(p.x), y: Math.round(p.y) });
    },
    [rf, session],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(LIBRARY_DRAG_TYPE);
      if (!type || readOnly) return;
      e.preventDefault();
      const desc = descriptions.get(type);
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const op = newNodeOp(
        type,
        desc,
        nodeNames(session.doc),
        [Math.round(p.x - 110), Math.round(p.y - 32)],
        newId,
      );
      session.apply([op]);
    },
    [descriptions, readOnly, rf, session],
  );

  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodes={shown}
      edges={edges}
      defaultViewport={defaultViewport}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onDelete={onDelete}
      onConnect={onConnect}
      onSelectionChange={onSelectionChange}
      onNodeDoubleClick={(_e, n) => onOpenNode(n.id)}
      onMouseMove={onMouseMove}
      onMouseLeave={() => session.provider.awareness.setLocalStateField('pointer', null)}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(LIBRARY_DRAG_TYPE)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={onDrop}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      edgesReconnectable={false}
      deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
      multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
      selectionOnDrag
      panOnDrag={[1, 2]}
      panOnScroll
      zoomOnScroll={false}
      zoomActivationKeyCode={['Meta', 'Control']}
      minZoom={0.1}
      maxZoom={2}
      zoomOnDoubleClick={false}
      onlyRenderVisibleElements={nodes.length > 150}
      defaultEdgeOptions={{ type: 'default', style: { strokeWidth: 2, stroke: '#94a3b8' } }}
      proOptions={{ hideAttribution: true }}
      data-testid="canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
      <Controls showInteractive={false} position="bottom-left" />
      <MiniMap
        pannable
        zoomable
        position="bottom-right"
        nodeColor={(n) => (n.type === 'sticky' ? '#fde68a' : '#94a3b8')}
      />
      <CursorsLayer peers={peers} />
      <ErrorBoundary label="AI canvas layer">
        <AiCanvasLayer />
      </ErrorBoundary>
    </ReactFlow>
  );
});
