import type { ReactFlowState } from '@xyflow/react';
import type { CSSProperties } from 'react';
import type { NodeRunState } from '../run/exec-state.ts';
import { nodePorts } from './node-ports.tsx';

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
      data-run-items-not-kept={run?.itemsNotKept ?? false}
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
      {nodePorts(inputs, outputs, true)}
    </div>
  );
}
