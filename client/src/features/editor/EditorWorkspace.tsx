import { docParts } from '@tandem/shared/doc';
import { newId } from '@tandem/shared/util';
import { useReactFlow } from '@xyflow/react';
import { type CSSProperties, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBoundary } from '../../ui/ErrorBoundary.tsx';
import { AiSuggestions } from './ai/index.tsx';
import { autoLayout } from './canvas/auto-layout.ts';
import { Canvas } from './canvas/Canvas.tsx';
import { coversCanvas } from './canvas/canvas-view.ts';
import { newNodeOp, newStickyOp } from './canvas/new-node.ts';
import { useJumpToNode } from './canvas/useJumpToNode.ts';
import type { CollabSession, Refusal } from './collab/collab-session.ts';
import type { SaveStatus } from './collab/save-state.ts';
import { openCounts } from './comments/read-comments.ts';
import { useThreads } from './comments/useThreads.ts';
import type { FlowEdge, FlowNode } from './doc/graph-model.ts';
import { nodeNames } from './doc/read-doc.ts';
import { useDocGraph } from './doc/useDocGraph.ts';
import { EditorContext, type EditorContextValue } from './editor-context.ts';
import { CanvasEmptyHint, RefusalBanner } from './editor-notices.tsx';
import { useEstimatedLayout } from './estimated-layout.ts';
import { NodeLibrary } from './library/NodeLibrary.tsx';
import { useNodeDescriptions } from './library/useNodeDescriptions.ts';
import type { PanelTab } from './panel/PropertyPanel.tsx';
import { usePeers } from './presence/usePeers.ts';
import { diffByName, replayRows } from './replay/replay-model.ts';
import { useReplay } from './replay/useReplay.ts';
import { NodeRunButtons } from './run/NodeRunButtons.tsx';
import { PastRunBanner } from './run/PastRunBanner.tsx';
import type { ShowNode } from './run/RunErrorButton.tsx';
import { useExecutionOverlay } from './run/useExecutionOverlay.ts';
import { useRunInUrl } from './run/useRunInUrl.ts';
import {
  ActivityFeed,
  CommentsPanel,
  PropertyPanel,
  ReplayPanel,
  RunDataView,
  usePrefetchSidePanels,
} from './side-panels.tsx';
import { EditorHeader } from './toolbar/EditorHeader.tsx';
import { useEditorShortcuts } from './useEditorShortcuts.ts';
import { useFirstViewport } from './useFirstViewport.ts';
import type { WorkflowMeta } from './useWorkflowMeta.ts';

/** The editor once the document session is open: toolbar, library, canvas, property panel. */
export function EditorWorkspace({
  session,
  status,
  meta,
  refusal,
}: {
  session: CollabSession;
  status: SaveStatus;
  meta: WorkflowMeta;
  refusal: Refusal | null;
}) {
  const readOnly = meta.role === 'viewer';
  const nodesQ = useNodeDescriptions();
  usePrefetchSidePanels();
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const graph = useDocGraph(session.doc);
  const peers = usePeers(session.provider.awareness);
  const run = useExecutionOverlay(meta.id);
  useRunInUrl(run);
  const threads = useThreads(session.doc);
  const commentCounts = useMemo(() => openCounts(threads), [threads]);
  const people = useMemo(
    () => [
      { id: session.user.id, name: session.user.name },
      ...peers.map((p) => ({ id: p.user.id, name: p.user.name })),
    ],
    [session.user, peers],
  );
  const [openId, setOpenId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const selectedRef = useRef<string[]>([]);
  const ctx: EditorContextValue = useMemo(
    () => ({ session, workflowId: meta.id, readOnly, descriptions: nodesQ.byType }),
    [session, meta.id, readOnly, nodesQ.byType],
  );

  const canvasBox = useRef<HTMLDivElement>(null);
  const firstViewport = useFirstViewport(canvasBox, graph.nodes);
  const canvasNodes = useEstimatedLayout(graph.nodes, nodesQ.byType);

  // "Follow this run": keep the running node in view.
  const [follow, setFollow] = useState(false);
  const runningName = Object.entries(run.overlay.nodes).find(([, st]) => st.status === 'running')?.[0];
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the running node, not every canvas change
  useEffect(() => {
    if (!follow || !runningName) return;
    const n = graph.nodes.find((x) => x.data.name === runningName);
    if (n)
      rf.setCenter(n.position.x + 110, n.position.y + 32, {
        duration: 300,
        zoom: Math.max(rf.getZoom(), 0.8),
      });
  }, [follow, runningName, rf]);

  const openNode = graph.nodes.find((n) => n.id === openId && n.type === 'tandem');
  // Close the panel when its node is deleted (by anyone); a node just added is in the doc before the canvas.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-check whenever the canvas changed
  useEffect(() => {
    if (openId && !docParts(session.doc).nodes.has(openId)) setOpenId(null);
  }, [graph.nodes, openId, session]);
  useEffect(() => {
    session.provider.awareness.setLocalStateField('editing', openNode ? openNode.id : null);
  }, [session, openNode]);

  const onSelection = useCallback(
    (ids: string[]) => {
      selectedRef.current = ids;
      session.provider.awareness.setLocalStateField('selection', ids);
    },
    [session],
  );
  const { selectOnly: selectGraph } = graph;
  const selectOnly = useCallback(
    (ids: string[]) => {
      selectGraph(ids);
      onSelection(ids);
    },
    [selectGraph, onSelection],
  );
  const center = useCallback((): [number, number] => {
    const el = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const p = rf.screenToFlowPosition({
      x: el ? el.left + el.width / 2 : window.innerWidth / 2,
      y: el ? el.top + el.height / 2 : window.innerHeight / 2,
    });
    // Small jitter so several clicks do not stack nodes exactly on top of each other.
    return [Math.round(p.x - 110 + Math.random() * 40), Math.round(p.y - 32 + Math.random() * 40)];
  }, [rf]);
  const { byType } = nodesQ;
  const addNode = useCallback(
    (type: string) => {
      if (readOnly) return;
      const op = newNodeOp(type, byType.get(type), nodeNames(session.doc), center(), newId);
      session.apply([op]);
      selectOnly([op.node.id]);
      setOpenId(op.node.id);
    },
    [readOnly, byType, session, center, selectOnly],
  );
  const tidyUp = () => {
    if (readOnly) return;
    const sel =
      selectedRef.current.length > 1
        ? selectedRef.current
        : graph.nodes.filter((n) => n.type === 'tandem').map((n) => n.id);
    const layout = autoLayout(
      graph.nodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y })),
      graph.edges,
      new Set(sel),
    );
    session.doc.transact(() => {
      for (const [nodeId, position] of layout) session.apply([{ op: 'moveNode', nodeId, position }]);
    }, session.origin);
  };
  const addSticky = useCallback(() => {
    if (readOnly) return;
    session.apply([newStickyOp(nodeNames(session.doc), center(), newId)]);
  }, [readOnly, session, center]);
  const replay = useReplay(run);
  const replayDiff = useMemo(
    () => (replay.state.phase === 'done' ? diffByName(replayRows(replay.state.result)) : null),
    [replay.state],
  );
  const [activityOpen, setActivityOpen] = useState(false);
  const target = useJumpToNode(graph.nodes, selectOnly);
  // "Show node" of a failed run: selected, in view, its panel open on its output, where its error is.
  const [panelTab, setPanelTab] = useState<{ nodeId: string; tab: PanelTab } | null>(null);
  const showNode: ShowNode = {
    can: (name) => target.has({ name }),
    show: (name) => {
      const id = target.jump({ name });
      if (!id) return;
      setOpenId(id);
      setPanelTab({ nodeId: id, tab: 'output' });
    },
  };
  const openPanel = useCallback((id: string) => {
    setOpenId(id);
    setPanelTab(null);
  }, []);
  const { refetch: refetchNodes } = nodesQ;
  const retryNodes = useCallback(() => refetchNodes(), [refetchNodes]);

  useEditorShortcuts({
    session,
    readOnly,
    selected: () => selectedRef.current,
    selectOnly,
    pasteAt: center,
    onRun: () => !readOnly && run.start({}),
    focusSearch: () => searchRef.current?.focus(),
  });

  const openRun = openNode ? run.nodeRun(openNode.data.name) : undefined;
  return (
    <EditorContext.Provider value={ctx}>
      <div className="flex h-screen flex-col bg-slate-50" data-testid="editor" data-readonly={readOnly}>
        <EditorHeader
          meta={meta}
          status={status}
          peers={peers}
          run={run}
          onReplay={replay.start}
          showNode={showNode}
          follow={{ on: follow, onChange: setFollow }}
          activity={{ on: activityOpen, onChange: setActivityOpen }}
        />
        <RefusalBanner refusal={refusal} denied={status === 'denied'} />
        <PastRunBanner run={run} readOnly={readOnly} onReplay={replay.start} showNode={showNode} />
        <div className="flex min-h-0 flex-1">
          {!readOnly && (
            <NodeLibrary
              ref={searchRef}
              list={nodesQ.list}
              loading={nodesQ.isPending}
              error={nodesQ.error}
              onRetry={retryNodes}
              onAdd={addNode}
              onAddSticky={addSticky}
            />
          )}
          <div
            className="relative min-w-0 flex-1"
            ref={canvasBox}
            // The Activity panel takes the canvas's right edge: the Suggestions panel moves left of it, not under it.
            style={activityOpen ? ({ '--right-panels': '20.75rem' } as CSSProperties) : undefined}
          >
            {firstViewport && (
              <Canvas
                defaultViewport={firstViewport}
                nodes={canvasNodes}
                edges={graph.edges}
                peers={peers}
                overlay={run.overlay}
                replayDiff={replayDiff}
                commentCounts={commentCounts}
                applyLocalNodeChanges={graph.applyLocalNodeChanges}
                applyLocalEdgeChanges={graph.applyLocalEdgeChanges}
                onSelection={onSelection}
                onOpenNode={openPanel}
              />
            )}
            {!readOnly && graph.nodes.length > 1 && (
              <button
                type="button"
                onClick={tidyUp}
                {...coversCanvas}
                className="absolute top-3 left-3 z-10 rounded-md bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-sm ring-1 ring-slate-200 hover:bg-slate-50"
                title="Arrange the selected nodes (or all) left to right"
                data-testid="auto-layout"
              >
                Tidy up
              </button>
            )}
            <ErrorBoundary label="AI suggestions">
              <AiSuggestions />
            </ErrorBoundary>
            {replay.state.phase !== 'idle' && (
              <ReplayPanel
                state={replay.state}
                onClose={replay.close}
                onRetry={() => replay.start(replay.state.phase === 'idle' ? '' : replay.state.sourceId)}
                onJump={(name) => target.jump({ name })}
                canJump={(name) => target.has({ name })}
              />
            )}
            {activityOpen && (
              <ActivityFeed
                workflowId={meta.id}
                doc={session.doc}
                selfId={session.user.id}
                onJump={(id) => target.jump({ id })}
                canJump={(id) => target.has({ id })}
                onClose={() => setActivityOpen(false)}
              />
            )}
            {graph.nodes.length === 0 && status !== 'offline' && <CanvasEmptyHint readOnly={readOnly} />}
          </div>
          {openNode && (
            <PropertyPanel
              key={openNode.id}
              node={openNode}
              peers={peers}
              onClose={() => setOpenId(null)}
              sample={openRun?.input}
              output={openRun ? <RunDataView run={openRun} nodeId={openNode.id} /> : undefined}
              comments={<CommentsPanel nodeId={openNode.id} threads={threads} people={people} />}
              commentCount={commentCounts.get(openNode.id) ?? 0}
              actions={readOnly ? undefined : <NodeRunButtons run={run} nodeName={openNode.data.name} />}
              showTab={panelTab?.nodeId === openNode.id ? panelTab : undefined}
            />
          )}
        </div>
      </div>
    </EditorContext.Provider>
  );
}
