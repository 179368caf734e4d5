import { docParts } from '@tandem/shared/doc';
import { useEffect, useState } from 'react';
import { Badge, statusTone } from '../../../ui/Badge.tsx';
import { formatDuration } from '../../../ui/format.ts';
import { useEditor } from '../editor-context.ts';
import { cellText, type NodeRun, notKeptText, tableColumns } from './run-data.ts';

function jsonOf(it: unknown): unknown {
  return it && typeof it === 'object' && 'json' in it ? (it as { json: unknown }).json : it;
}

/** Input/output items of one node in the shown execution, as a table or JSON, with pinning. */
export function RunDataView({ run, nodeId }: { run: NodeRun; nodeId: string }) {
  const { session, readOnly } = useEditor();
  const [side, setSide] = useState<'output' | 'input'>('output');
  const [mode, setMode] = useState<'table' | 'json'>('table');
  const [branch, setBranch] = useState(0);
  const pinned = usePinned(nodeId);
  const list = side === 'input' ? run.input : (run.outputs[branch] ?? []);
  const count = side === 'input' ? run.inputCount : (run.outputCounts[branch] ?? list.length);
  const notKept = side === 'input' ? run.inputNotKept : run.outputNotKept;
  const cols = tableColumns(list);
  const pin = () =>
    session.apply([
      {
        op: 'setPinData',
        nodeId,
        items: pinned ? null : (run.outputs[0] ?? []).map((i) => ({ json: jsonOf(i) })),
      },
    ]);
  return (
    <div className="space-y-3" data-testid="run-data">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={statusTone(run.status)}>{run.status}</Badge>
        {run.durationMs !== undefined && (
          <span className="text-xs text-slate-500">{formatDuration(run.durationMs)}</span>
        )}
        {pinned && <Badge tone="indigo">pinned</Badge>}
        {!readOnly && (
          <button
            type="button"
            className="ml-auto rounded px-2 py-0.5 text-xs text-indigo-700 ring-1 ring-indigo-200 enabled:hover:bg-indigo-50 disabled:opacity-50"
            onClick={pin}
            // Pinning output that was not kept would pin no items.
            disabled={!pinned && run.outputNotKept}
            title={!pinned && run.outputNotKept ? 'The output items were not kept' : undefined}
            data-testid="pin-toggle"
          >
            {pinned ? 'Unpin output' : 'Pin output'}
          </button>
        )}
      </div>
      {run.error && (
        <p
          className="rounded-md bg-rose-50 px-3 py-2 font-mono text-xs text-rose-700"
          data-testid="run-data-error"
        >
          {run.error}
        </p>
      )}
      <div className="flex items-center gap-2 text-xs">
        {(['input', 'output'] as const).map((s) => (
          <button
            key={s}
            type="button"
            onClick={() => setSide(s)}
            className={`rounded px-2 py-0.5 capitalize ${side === s ? 'bg-slate-800 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
            data-testid={`run-data-${s}`}
          >
            {s}
          </button>
        ))}
        {side === 'output' && run.outputs.length > 1 && (
          <select
            className="rounded border border-slate-200 px-1 py-0.5"
            value={branch}
            onChange={(e) => setBranch(Number(e.target.value))}
          >
            {run.outputs.map((o, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: outputs are positional
              <option key={i} value={i}>
                Output {i} ({run.outputCounts[i] ?? o.length})
              </option>
            ))}
          </select>
        )}
        <span className="text-slate-400" data-testid="run-data-count">
          {count.toLocaleString('en-US')} items
        </span>
        <span className="ml-auto flex overflow-hidden rounded ring-1 ring-slate-200">
          {(['table', 'json'] as const).map((m) => (
            <button
              key={m}
              type="button"
              onClick={() => setMode(m)}
              className={`px-2 py-0.5 uppercase ${mode === m ? 'bg-indigo-600 text-white' : 'text-slate-600'}`}
              data-testid={`run-data-mode-${m}`}
            >
              {m}
            </button>
          ))}
        </span>
      </div>
      {notKept && count > 0 ? (
        <p
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800"
          data-testid="run-data-not-kept"
        >
          {notKeptText(count)}
        </p>
      ) : list.length === 0 ? (
        <p className="text-sm text-slate-500">No items.</p>
      ) : mode === 'json' ? (
        <pre
          className="max-h-[60vh] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-[11px] text-slate-100"
          data-testid="run-data-json"
        >
          {JSON.stringify(list.slice(0, 500).map(jsonOf), null, 2)}
        </pre>
      ) : (
        <div className="max-h-[60vh] overflow-auto rounded-md ring-1 ring-slate-200">
          <table className="w-full text-xs" data-testid="run-data-table">
            <thead className="sticky top-0 bg-slate-50 text-left">
              <tr>
                <th className="px-2 py-1 font-medium text-slate-400">#</th>
                {cols.map((c) => (
                  <th key={c} className="px-2 py-1 font-medium whitespace-nowrap text-slate-600">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.slice(0, 500).map((it, i) => {
                const j = (jsonOf(it) ?? {}) as Record<string, unknown>;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: items are positional
                  <tr key={i}>
                    <td className="px-2 py-1 text-slate-400">{i}</td>
                    {cols.map((c) => (
                      <td key={c} className="max-w-48 truncate px-2 py-1 font-mono" title={cellText(j[c])}>
                        {cellText(j[c])}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function usePinned(nodeId: string): boolean {
  const { session } = useEditor();
  const [pinned, setPinned] = useState(false);
  useEffect(() => {
    const pd = docParts(session.doc).pinData;
    const read = () => setPinned(pd.has(nodeId));
    read();
    pd.observe(read);
    return () => pd.unobserve(read);
  }, [session, nodeId]);
  return pinned;
}
