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
import { withDragPositions } from './local-drag.ts';
import { newNodeOp } from './new-node.ts';
import { nodeTypes } from './node-types.ts';
import { useAfterFirstPaint } from './useAfterFirstPaint.ts';
import { useNodeDrag } from './useNodeDrag.ts';

export const LIBRARY_DRAG_TYPE = 'application/x-tandem-node-type';

// Props React Flow gets are module constants or stable callbacks: a new array, object or function per render
// re-renders every node wrapper, edge and minimap node, or re-binds key and zoom handlers, on each drag frame.
const PAN_ON_DRAG = [1, 2];
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const ZOOM_KEYS = ['Meta', 'Control'];
// The edges' colour and width come from index.css (React Flow's CSS variables), not an inline style on each path.
const DEFAULT_EDGE_OPTIONS = { type: 'default' };
const PRO_OPTIONS = { hideAttribution: true };
const minimapColor = (n: FlowNode) => (n.type === 'sticky' ? '#fde68a' : '#94a3b8');
const onDragOver = (e: DragEvent) => {
  if (e.dataTransfer.types.includes(LIBRARY_DRAG_TYPE)) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }
};

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
  // Not needed for the first frame of the graph: the minimap (a component and an SVG rect per node) and the nodes'
  // drag handling (React Flow sets up a d3-drag per node: listeners and inline styles, ~10 % of the first render).
  const painted = useAfterFirstPaint();

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

  const { positions, onNodesChange } = useNodeDrag(session, readOnly, applyLocalNodeChanges);
  const drawn = useMemo(() => withDragPositions(shown, positions), [shown, positions]);

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

  const onNodeDoubleClick = useCallback((_e: MouseEvent, n: FlowNode) => onOpenNode(n.id), [onOpenNode]);
  const onMouseLeave = useCallback(
    () => session.provider.awareness.setLocalStateField('pointer', null),
    [session],
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
      nodes={drawn}
      edges={edges}
      defaultViewport={defaultViewport}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onDelete={onDelete}
      onConnect={onConnect}
      onSelectionChange={onSelectionChange}
      onNodeDoubleClick={onNodeDoubleClick}
      onMouseMove={onMouseMove}
      onMouseLeave={onMouseLeave}
      onDragOver={onDragOver}
      onDrop={onDrop}
      nodesDraggable={!readOnly && painted}
      nodesConnectable={!readOnly}
      edgesReconnectable={false}
      deleteKeyCode={readOnly ? null : DELETE_KEYS}
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      selectionOnDrag
      panOnDrag={PAN_ON_DRAG}
      panOnScroll
      zoomOnScroll={false}
      zoomActivationKeyCode={ZOOM_KEYS}
      minZoom={0.1}
      maxZoom={2}
      zoomOnDoubleClick={false}
      onlyRenderVisibleElements={nodes.length > 150}
      defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      proOptions={PRO_OPTIONS}
      data-testid="canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
      <Controls showInteractive={false} position="bottom-left" />
      {painted && <MiniMap pannable zoomable position="bottom-right" nodeColor={minimapColor} />}
      <CursorsLayer peers={peers} />
      <ErrorBoundary label="AI canvas layer">
        <AiCanvasLayer />
      </ErrorBoundary>
    </ReactFlow>
  );
});
