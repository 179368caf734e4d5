import { useState } from 'react';
import { Badge, type Tone } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Spinner } from '../../../ui/States.tsx';
import { coversCanvas } from '../canvas/canvas-view.ts';
import {
  changedKeys,
  countsText,
  type DiffKind,
  type ItemChange,
  notKeptNote,
  type ReplayRow,
  replayRows,
  replaySummary,
} from './replay-model.ts';
import type { ReplayState } from './useReplay.ts';

const TONE: Record<DiffKind, Tone> = { changed: 'amber', added: 'green', removed: 'red', same: 'gray' };
const SHOWN_ITEMS = 20;

/** Replay against the draft: progress, then the per-node diff of the past run's outputs → the replay's. */
export function ReplayPanel({
  state,
  onClose,
  onRetry,
  onJump,
  canJump,
}: {
  state: Exclude<ReplayState, { phase: 'idle' }>;
  onClose: () => void;
  onRetry: () => void;
  onJump: (nodeName: string) => void;
  canJump: (nodeName: string) => boolean;
}) {
  const [showSame, setShowSame] = useState(false);
  const rows = state.phase === 'done' ? replayRows(state.result) : [];
  const summary = replaySummary(rows);
  const shown = showSame ? rows : rows.filter((r) => r.kind !== 'same');
  return (
    <section
      {...coversCanvas}
      className="absolute right-3 bottom-3 left-3 z-20 mx-auto flex max-h-[45%] max-w-3xl flex-col rounded-xl bg-white shadow-xl ring-1 ring-slate-200"
      data-testid="replay-panel"
      data-phase={state.phase}
      aria-label="Replay against draft"
    >
      <header className="flex items-center gap-2 border-b border-slate-100 px-4 py-2">
        <h2 className="text-sm font-semibold text-slate-900">Replay against draft</h2>
        {state.phase === 'done' && (
          <span className="text-xs text-slate-500" data-testid="replay-summary">
            {summary.changed} changed · {summary.added} added · {summary.removed} removed · {summary.same}{' '}
            same
            {state.status !== 'success' && state.status !== 'succeeded' ? ` · replay ${state.status}` : ''}
          </span>
        )}
        <div className="ml-auto flex items-center gap-2">
          {state.phase === 'done' && (
            <label className="flex items-center gap-1 text-xs text-slate-600">
              <input
                type="checkbox"
                checked={showSame}
                onChange={(e) => setShowSame(e.target.checked)}
                data-testid="replay-show-same"
              />
              Show unchanged
            </label>
          )}
          <Button size="sm" variant="ghost" onClick={onClose} data-testid="replay-close">
            Close
          </Button>
        </div>
      </header>
      <div className="min-h-0 flex-1 overflow-auto px-4 py-2">
        {state.phase === 'running' ? (
          <Spinner label="Replaying the run's input against the draft…" />
        ) : state.phase === 'error' ? (
          <div
            className="flex items-center gap-3 py-3 text-sm text-rose-700"
            role="alert"
            data-testid="replay-error"
          >
            {state.message}
            <Button size="sm" onClick={onRetry} data-testid="replay-retry">
              Try again
            </Button>
          </div>
        ) : shown.length === 0 ? (
          <p className="py-3 text-sm text-slate-500" data-testid="replay-no-diff">
            {rows.length === 0
              ? 'Neither run produced node output.'
              : 'Every node produced the same output as in the past run.'}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="replay-nodes">
            {shown.map((r) => (
              <NodeDiffRow key={r.node} row={r} onJump={onJump} jumpable={canJump(r.node)} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function NodeDiffRow({
  row,
  onJump,
  jumpable,
}: {
  row: ReplayRow;
  onJump: (n: string) => void;
  jumpable: boolean;
}) {
  const [open, setOpen] = useState(false);
  const expandable = row.items.length > 0;
  const note = notKeptNote(row);
  return (
    <li data-testid="replay-node" data-node-name={row.node} data-kind={row.kind} className="py-1.5">
      <div className="flex items-center gap-2 text-sm">
        <Badge tone={TONE[row.kind]}>{row.kind}</Badge>
        <button
          type="button"
          className="min-w-0 truncate text-left font-medium text-slate-800 enabled:hover:underline"
          onClick={() => setOpen((o) => !o)}
          disabled={!expandable}
          aria-expanded={expandable ? open : undefined}
          data-testid="replay-node-toggle"
        >
          {expandable ? (open ? '▾ ' : '▸ ') : ''}
          {row.node}
        </button>
        <span className="text-xs text-slate-500" data-testid="replay-node-counts">
          {countsText(row)}
        </span>
        <Button
          size="sm"
          variant="ghost"
          className="ml-auto"
          onClick={() => onJump(row.node)}
          disabled={!jumpable}
          title={jumpable ? 'Show this node on the canvas' : 'This node is no longer in the draft'}
          data-testid="replay-jump"
        >
          Show
        </Button>
      </div>
      {note && (
        <p className="mt-1 text-xs text-amber-700" data-testid="replay-node-not-kept">
          {note}
        </p>
      )}
      {open && (
        <ul className="mt-1.5 space-y-1.5" data-testid="replay-node-items">
          {row.items.slice(0, SHOWN_ITEMS).map((it) => (
            <ItemDiff key={`${it.output}-${it.index}`} item={it} />
          ))}
          {row.items.length > SHOWN_ITEMS && (
            <li className="text-xs text-slate-500">
              {row.items.length - SHOWN_ITEMS} more differing item(s)
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

function ItemDiff({ item }: { item: ItemChange }) {
  const keys = item.change === 'changed' ? changedKeys(item.a, item.b) : [];
  return (
    <li className="rounded-md bg-slate-50 p-2 text-xs" data-testid="replay-item" data-change={item.change}>
      <p className="mb-1 text-slate-600">
        Output {item.output} · item {item.index} · <span className="font-medium">{item.change}</span>
        {keys.length > 0 && (
          <span data-testid="replay-item-keys">
            {' '}
            · fields: <span className="font-mono">{keys.join(', ')}</span>
          </span>
        )}
      </p>
      <div className="grid grid-cols-2 gap-2">
        <Json label="Past run" value={item.a} present={item.change !== 'added'} testId="replay-item-before" />
        <Json label="Replay" value={item.b} present={item.change !== 'removed'} testId="replay-item-after" />
      </div>
    </li>
  );
}

function Json({
  label,
  value,
  present,
  testId,
}: {
  label: string;
  value: unknown;
  present: boolean;
  testId: string;
}) {
  return (
    <div className="min-w-0">
      <p className="mb-0.5 text-[10px] font-semibold tracking-wide text-slate-400 uppercase">{label}</p>
      <pre
        className={`max-h-40 overflow-auto rounded bg-white p-1.5 font-mono text-[11px] ring-1 ${present ? 'ring-slate-200' : 'text-slate-400 ring-slate-100'}`}
        data-testid={testId}
      >
        {present ? JSON.stringify(value, null, 2) : '(no item)'}
      </pre>
    </div>
  );
}
