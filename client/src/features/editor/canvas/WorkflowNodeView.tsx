import { type NodeProps, useStore } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../doc/graph-model.ts';
import { useEditor } from '../editor-context.ts';
import { groupColor, portCount } from '../library/node-catalog.ts';
import type { NodeRunState } from '../run/exec-state.ts';
import { notKeptText } from '../run/run-data.ts';
import { FarNodeView, isFar } from './FarNodeView.tsx';
import { nodeGlyph } from './node-glyph.ts';
import { nodePorts } from './node-ports.tsx';

type Peer = { name: string; color: string };

const DIFF_STYLE: Record<string, string> = {
  changed: 'bg-amber-400 text-amber-950',
  added: 'bg-emerald-500 text-white',
  removed: 'bg-rose-500 text-white',
};

function outputNames(desc: { outputNames?: unknown } | undefined, count: number): string[] {
  const names = Array.isArray(desc?.outputNames) ? (desc.outputNames as unknown[]).map(String) : [];
  return Array.from({ length: count }, (_, i) => names[i] ?? '');
}

function RunBadge({ run }: { run: NodeRunState }) {
  if (run.status === 'running')
    return (
      <span className="absolute -top-2.5 -right-2.5 grid size-5 place-items-center rounded-full bg-sky-500 ring-2 ring-white">
        <span className="size-3 animate-spin rounded-full border-2 border-white border-t-transparent" />
      </span>
    );
  if (run.status === 'queued')
    return (
      <span
        className="absolute -top-2 -right-2 size-4 rounded-full bg-amber-400 ring-2 ring-white"
        title="Queued"
      />
    );
  if (run.status === 'error')
    return (
      <span className="absolute -top-2.5 -right-2.5 grid size-5 place-items-center rounded-full bg-rose-500 text-[11px] font-bold text-white ring-2 ring-white">
        !
      </span>
    );
  if (run.status === 'success')
    return (
      <span
        className="absolute -top-2.5 -right-3 flex h-5 items-center gap-0.5 rounded-full bg-emerald-500 px-1.5 text-[10px] font-semibold text-white ring-2 ring-white"
        title={run.itemsNotKept && run.items !== undefined ? notKeptText(run.items) : undefined}
      >
        ✓ {run.items?.toLocaleString('en-US') ?? ''}
        {run.itemsNotKept ? '*' : ''}
      </span>
    );
  return null;
}

/** A workflow node on the canvas: icon, name, ports, run state and other people's selection. */
export const WorkflowNodeView = memo(function WorkflowNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const { descriptions } = useEditor();
  const far = useStore(isFar);
  const desc = descriptions.get(data.type) ?? descriptions.get(data.type.replace(/^n8n-nodes-base\./, ''));
  const trigger = Boolean(desc?.trigger) || desc?.group === 'trigger';
  const inputs = portCount(desc?.inputs, trigger ? 0 : 1);
  const outputs = portCount(desc?.outputs, 1);
  const outNames = outputNames(desc, outputs);
  const color = groupColor(desc?.group);
  const run = data.run as NodeRunState | undefined;
  const peers = (data.peers as Peer[] | undefined) ?? [];
  const ring = peers[0]?.color;
  const stateRing =
    run?.status === 'error'
      ? 'ring-2 ring-rose-500'
      : run?.status === 'success'
        ? 'ring-2 ring-emerald-500'
        : run?.status === 'running'
          ? 'ring-2 ring-sky-500'
          : selected
            ? 'ring-2 ring-indigo-500'
            : 'ring-1 ring-slate-300';
  const height = Math.max(64, Math.max(inputs, outputs) * 22 + 20);
  if (far)
    return (
      <FarNodeView
        id={id}
        name={data.name}
        color={color}
        height={height}
        inputs={inputs}
        outputs={outputs}
        run={run}
        selected={!!selected}
        peerColor={ring}
        disabled={!!data.disabled}
        diff={typeof data.diff === 'string' ? data.diff : ''}
      />
    );
  return (
    <div
      data-testid="canvas-node"
      data-node-id={id}
      data-node-name={data.name}
      data-run-status={run?.status ?? ''}
      data-run-items={run?.items ?? ''}
      data-run-items-not-kept={run?.itemsNotKept ?? false}
      data-replay-diff={typeof data.diff === 'string' ? data.diff : ''}
      className={`relative flex w-[220px] items-center gap-3 rounded-xl bg-white px-3 shadow-sm ${stateRing} ${data.disabled ? 'opacity-50' : ''} ${trigger ? 'rounded-l-[28px]' : ''}`}
      style={ring ? { height, outline: `2px solid ${ring}`, outlineOffset: 3 } : { height }}
      title={run?.error ?? data.notes ?? undefined}
    >
      {peers.length > 0 && (
        <div className="absolute -top-6 left-0 flex gap-1" data-testid="node-peer-selection">
          {peers.map((p) => (
            <span
              key={p.name}
              className="rounded px-1.5 py-0.5 text-[10px] font-medium text-white"
              style={{ background: p.color }}
            >
              {p.name}
            </span>
          ))}
        </div>
      )}
      <span
        className="grid size-10 shrink-0 place-items-center rounded-lg text-xs font-bold text-white"
        style={{ background: color }}
      >
        {nodeGlyph(data.type, desc?.displayName ?? data.type)}
      </span>
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-slate-900" data-testid="canvas-node-name">
          {data.name}
        </p>
        <p className="truncate text-[11px] text-slate-500">
          {desc?.displayName ?? data.type}
          {data.disabled ? ' · disabled' : ''}
        </p>
        {run?.status === 'error' && run.error && (
          <p className="truncate text-[11px] text-rose-600" data-testid="canvas-node-error">
            {run.error}
          </p>
        )}
      </div>
      {run && <RunBadge run={run} />}
      {typeof data.diff === 'string' && data.diff !== 'same' && (
        <span
          className={`absolute -bottom-2 left-2 rounded-full px-1.5 text-[10px] font-semibold ring-2 ring-white ${DIFF_STYLE[data.diff] ?? ''}`}
          title="How the replay against the draft changed this node's output"
          data-testid="canvas-node-diff"
        >
          {data.diff}
        </span>
      )}
      {typeof data.comments === 'number' && data.comments > 0 && (
        <span
          className="absolute -bottom-2 -right-2 flex h-5 items-center gap-0.5 rounded-full bg-amber-400 px-1.5 text-[10px] font-semibold text-amber-950 ring-2 ring-white"
          title={`${data.comments} open comment thread(s)`}
          data-testid="node-comment-badge"
        >
          <svg viewBox="0 0 16 16" className="size-2.5" aria-hidden="true">
            <path d="M2 2h12v9H6l-4 3z" fill="currentColor" />
          </svg>
          {data.comments}
        </span>
      )}
      {nodePorts(inputs, outputs, false, outNames)}
    </div>
  );
});
