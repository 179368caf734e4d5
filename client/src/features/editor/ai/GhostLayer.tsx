import { docParts } from '@tandem/shared/doc';
import { getBezierPath, Position, type ReactFlowState, useStore, ViewportPortal } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import { useEditor } from '../editor-context.ts';
import { portCount } from '../library/node-catalog.ts';
import type { AiPeer } from './ai-presence.ts';
import { useSuggestionFocus } from './focus-store.ts';
import { type Box, edgeEnds, GHOST_H, GHOST_W, sameBoxes } from './ghost-geometry.ts';
import { type GhostNode, ghostsOf } from './suggestion-model.ts';
import { useAiPeers } from './useAiPeers.ts';
import { useSuggestions } from './useSuggestions.ts';

const VIOLET = '#8b5cf6';
const stop = (e: { stopPropagation(): void }) => e.stopPropagation();

function GhostNodeView({
  g,
  typeLabel,
  focused,
  onFocus,
}: {
  g: GhostNode;
  typeLabel: string;
  focused: boolean;
  onFocus: (id: string) => void;
}) {
  const label = `${g.author} suggests${g.rationale ? `: ${g.rationale}` : ''}`;
  return (
    <div
      data-testid="ghost-node"
      data-suggestion-id={g.suggestionId}
      data-node-id={g.id}
      data-node-name={g.name}
      className={`absolute top-0 left-0 cursor-pointer rounded-xl border-2 border-dashed bg-white/60 px-3 shadow-sm ${
        focused ? 'border-violet-600 bg-violet-50/80' : 'border-violet-400'
      }`}
      style={{
        transform: `translate(${g.x}px, ${g.y}px)`,
        width: GHOST_W,
        height: GHOST_H,
        opacity: 0.85,
        // Beneath real nodes (a proposal never hides or blocks the workflow), unless it is the one pointed at.
        zIndex: focused ? 1 : -1,
      }}
      title={label}
      onPointerDown={stop}
      onMouseDown={stop}
      onClick={(e) => {
        e.stopPropagation();
        onFocus(g.suggestionId);
      }}
    >
      <div className="flex h-full items-center gap-3 opacity-80">
        <span className="grid size-10 shrink-0 place-items-center rounded-lg border-2 border-dashed border-violet-300 text-lg font-semibold text-violet-500">
          +
        </span>
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-800">{g.name}</p>
          <p className="truncate text-[11px] text-slate-500">{typeLabel}</p>
        </div>
      </div>
      <p
        className="absolute -top-5 left-0 max-w-[260px] truncate text-[10px] font-medium text-violet-700"
        data-testid="ghost-node-author"
      >
        {g.byAi ? '✦ ' : ''}
        {g.author}
      </p>
      {g.rationale && (
        <p className="absolute top-full left-0 mt-1 line-clamp-2 w-[260px] text-[10px] leading-snug text-slate-600">
          {g.rationale}
        </p>
      )}
    </div>
  );
}

function AiCursor({ p }: { p: AiPeer }) {
  if (!p.cursor) return null;
  return (
    <div
      data-testid="ai-cursor"
      data-status={p.status}
      className="pointer-events-none absolute top-0 left-0 z-[1000] transition-transform duration-300 ease-out"
      style={{ transform: `translate(${p.cursor.x}px, ${p.cursor.y}px)` }}
    >
      <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
        <path d="M1 1 L7 16 L9.5 9.5 L16 7 Z" fill={p.color} stroke="white" strokeWidth="1.5" />
      </svg>
      <span
        className="ml-3 rounded-md px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-white shadow"
        style={{ background: p.color }}
      >
        {p.name}
        {p.status && p.status !== 'idle' ? ` · ${p.status}` : ''}
      </span>
    </div>
  );
}

/**
 * Pending suggestions drawn on the canvas for everyone: ghost nodes and ghost edges (dashed, semi-transparent,
 * labelled with the author and rationale), a dashed outline on nodes a suggestion would change, and the AI
 * co-author's cursor. Lives inside `<ReactFlow>` and draws in flow coordinates.
 */
export function GhostLayer() {
  const { session, descriptions } = useEditor();
  const suggestions = useSuggestions(session.doc);
  const aiPeers = useAiPeers(session.provider.awareness);
  const [focused, setFocused] = useSuggestionFocus(session.doc);
  const ghosts = useMemo(() => ghostsOf(suggestions, docParts(session.doc).nodes), [suggestions, session]);

  const realIds = useMemo(() => {
    const ghostIds = new Set(ghosts.nodes.map((g) => g.id));
    const ids = new Set<string>();
    for (const e of ghosts.edges) for (const id of [e.source, e.target]) if (!ghostIds.has(id)) ids.add(id);
    for (const c of ghosts.changes) ids.add(c.nodeId);
    return [...ids];
  }, [ghosts]);
  const selectBoxes = useCallback(
    (s: ReactFlowState) => {
      const out = new Map<string, Box & { type: string }>();
      for (const id of realIds) {
        const n = s.nodeLookup.get(id);
        if (!n) continue;
        const p = n.internals.positionAbsolute;
        const type = String((n.data as { type?: unknown })?.type ?? '');
        out.set(id, {
          x: p.x,
          y: p.y,
          w: n.measured.width ?? GHOST_W,
          h: n.measured.height ?? GHOST_H,
          type,
        });
      }
      return out;
    },
    [realIds],
  );
  const boxes = useStore(selectBoxes, sameBoxes);

  if (
    ghosts.nodes.length === 0 &&
    ghosts.edges.length === 0 &&
    ghosts.changes.length === 0 &&
    aiPeers.length === 0
  )
    return null;
  const ghostBox = new Map(
    ghosts.nodes.map((g) => [g.id, { x: g.x, y: g.y, w: GHOST_W, h: GHOST_H, type: g.type }]),
  );
  const boxOf = (id: string) => ghostBox.get(id) ?? boxes.get(id);
  return (
    <ViewportPortal>
      <svg
        className="pointer-events-none absolute top-0 left-0 overflow-visible"
        style={{ zIndex: -1 }}
        width="1"
        height="1"
        aria-hidden="true"
      >
        {ghosts.edges.map((e) => {
          const s = boxOf(e.source);
          const t = boxOf(e.target);
          if (!s || !t) return null;
          const outputs = portCount(descriptions.get(s.type)?.outputs, 1);
          const { sx, sy, tx, ty } = edgeEnds(s, t, e.sourceOutput, outputs);
          const [d] = getBezierPath({
            sourceX: sx,
            sourceY: sy,
            sourcePosition: Position.Right,
            targetX: tx,
            targetY: ty,
            targetPosition: Position.Left,
          });
          return (
            <path
              key={e.id}
              d={d}
              data-testid="ghost-edge"
              data-suggestion-id={e.suggestionId}
              fill="none"
              stroke={VIOLET}
              strokeOpacity={focused === e.suggestionId ? 0.95 : 0.6}
              strokeWidth={2}
              strokeDasharray="6 5"
            />
          );
        })}
      </svg>
      {ghosts.changes.map((c) => {
        const b = boxes.get(c.nodeId);
        if (!b) return null;
        return (
          <div
            key={`${c.suggestionId}:${c.nodeId}`}
            data-testid="ghost-change"
            data-suggestion-id={c.suggestionId}
            data-node-id={c.nodeId}
            className="pointer-events-none absolute top-0 left-0 rounded-2xl border-2 border-dashed border-violet-400"
            style={{
              transform: `translate(${b.x - 6}px, ${b.y - 6}px)`,
              width: b.w + 12,
              height: b.h + 12,
              zIndex: -1,
            }}
          >
            <span className="absolute -bottom-5 left-1 text-[10px] font-medium whitespace-nowrap text-violet-700">
              ✎ {c.author} suggests a change
            </span>
          </div>
        );
      })}
      {ghosts.nodes.map((g) => (
        <GhostNodeView
          key={`${g.suggestionId}:${g.id}`}
          g={g}
          typeLabel={descriptions.get(g.type)?.displayName ?? g.type.replace(/^n8n-nodes-base\./, '')}
          focused={focused === g.suggestionId}
          onFocus={setFocused}
        />
      ))}
      {aiPeers.map((p) => (
        <AiCursor key={p.clientId} p={p} />
      ))}
    </ViewportPortal>
  );
}
