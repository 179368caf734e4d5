import { Handle, Position, type ReactFlowState } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { inHandle, outHandle } from '../doc/graph-model.ts';
import type { NodeRunState } from '../run/exec-state.ts';

/** Below this zoom the canvas draws nodes in their far form (a node's 14 px name would be under 6 px). */
export const FAR_ZOOM = 0.4;
export const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

const BORDER: Record<string, string> = {
  error: '#f43f5e',
  success: '#10b981',
  running: '#0ea5e9',
};

/** Characters of a name the far form shows (its 24 px name fits about this many in 220 px). */
const FAR_NAME_CHARS = 11;

/** `name` cut to what the far form shows, with an ellipsis when cut. */
export function farName(name: string): string {
  return name.length > FAR_NAME_CHARS ? `${name.slice(0, FAR_NAME_CHARS - 1)}…` : name;
}

/**
 * A port's `top` when a side has several (React Flow's handle CSS centres a lone one). Inline styles only where
 * they differ from the stylesheet: the first render of a large canvas sets every one of them on every node.
 */
export function handleTop(i: number, count: number): CSSProperties | undefined {
  return count > 1 ? { top: `${((i + 1) / (count + 1)) * 100}%` } : undefined;
}

/**
 * `handleTop` for the far form, whose ports are placed in its frame's padding box: the same offset from the node's
 * outer top edge as the near form's (`--far-frame`: the frame's width, see index.css).
 */
export function farHandleTop(i: number, count: number): CSSProperties | undefined {
  if (count <= 1) return undefined;
  const f = (i + 1) / (count + 1);
  return { top: `calc(${f * 100}% + ${2 * f - 1} * var(--far-frame, 3px))` };
}

/** The far form's inline style: its height, and a state border or another person's outline only when it has one. */
function farStyle(height: number, border: string | undefined, peerColor: string | undefined): CSSProperties {
  const style: CSSProperties & { '--far-frame'?: string } = { height };
  if (border) {
    style.borderWidth = 6;
    style.borderColor = border;
    style['--far-frame'] = '6px';
  }
  if (peerColor) {
    style.outline = `6px solid ${peerColor}`;
    style.outlineOffset = 4;
  }
  return style;
}

/**
 * A node seen from far away: its colour, a large name, state as the border, ports without labels. About a
 * third of the DOM, no shadows and nothing that clips (no overflow-hidden or CSS truncation: each clip and each
 * transformed handle is a paint property node that Chromium re-layerizes for all 500 nodes on every drag frame).
 */
export function FarNodeView({
  id,
  name,
  color,
  height,
  inputs,
  outputs,
  run,
  selected,
  peerColor,
  disabled,
  diff,
}: {
  id: string;
  name: string;
  color: string;
  height: number;
  inputs: number;
  outputs: number;
  run: NodeRunState | undefined;
  selected: boolean;
  peerColor: string | undefined;
  disabled: boolean;
  diff: string;
}) {
  const border = (run && BORDER[run.status]) ?? (selected ? '#6366f1' : undefined);
  return (
    <div
      data-testid="canvas-node"
      data-node-id={id}
      data-node-name={name}
      data-run-status={run?.status ?? ''}
      data-run-items={run?.items ?? ''}
      data-replay-diff={diff}
      data-far="true"
      className={`relative flex w-[220px] items-center rounded-xl border-[3px] border-[#cbd5e1] bg-white ${disabled ? 'opacity-50' : ''}`}
      style={farStyle(height, border, peerColor)}
      title={name}
    >
      <span className="h-full w-12 shrink-0 rounded-l-md" style={{ background: color }} />
      <span
        className="px-2 text-2xl font-semibold whitespace-nowrap text-slate-800"
        data-testid="canvas-node-name"
      >
        {farName(name)}
      </span>
      {Array.from({ length: inputs }, (_, i) => (
        <Handle
          key={inHandle(i)}
          id={inHandle(i)}
          type="target"
          position={Position.Left}
          style={farHandleTop(i, inputs)}
          className="tandem-handle tandem-handle-far"
        />
      ))}
      {Array.from({ length: outputs }, (_, i) => (
        <Handle
          key={outHandle(i)}
          id={outHandle(i)}
          type="source"
          position={Position.Right}
          style={farHandleTop(i, outputs)}
          className="tandem-handle tandem-handle-far"
        />
      ))}
    </div>
  );
}
