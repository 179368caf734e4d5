import { forwardRef, memo, useMemo, useState } from 'react';
import { ErrorState, Spinner } from '../../../ui/States.tsx';
import { LIBRARY_DRAG_TYPE } from '../canvas/Canvas.tsx';
import { nodeGlyph } from '../canvas/node-glyph.ts';
import { CATEGORIES, groupColor, type NodeDescriptionDto, searchNodes } from './node-catalog.ts';

/** Searchable, categorised list of node types: click to add in the middle of the view, or drag onto the canvas. */
export const NodeLibrary = memo(
  forwardRef<
    HTMLInputElement,
    {
      list: NodeDescriptionDto[];
      loading: boolean;
      error: unknown;
      onRetry: () => void;
      onAdd: (type: string) => void;
      onAddSticky: () => void;
    }
  >(function NodeLibrary({ list, loading, error, onRetry, onAdd, onAddSticky }, searchRef) {
    const [q, setQ] = useState('');
    const [cat, setCat] = useState('all');
    const shown = useMemo(() => searchNodes(list, q, cat), [list, q, cat]);
    return (
      <aside
        className="flex w-64 shrink-0 flex-col border-r border-slate-200 bg-white"
        data-testid="node-library"
      >
        <div className="space-y-2 border-b border-slate-100 p-3">
          <input
            ref={searchRef}
            type="search"
            placeholder="Search nodes…  ( / )"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && shown[0]) onAdd(shown[0].type);
            }}
            className="block w-full rounded-md bg-slate-100 px-2.5 py-1.5 text-sm outline-none focus:bg-white focus:ring-2 focus:ring-indigo-500"
            data-testid="node-search"
          />
          <div className="flex flex-wrap gap-1">
            {CATEGORIES.map((c) => (
              <button
                key={c.id}
                type="button"
                onClick={() => setCat(c.id)}
                data-testid={`node-category-${c.id}`}
                className={`rounded-full px-2 py-0.5 text-[11px] font-medium ${cat === c.id ? 'bg-indigo-600 text-white' : 'bg-slate-100 text-slate-600 hover:bg-slate-200'}`}
              >
                {c.label}
              </button>
            ))}
          </div>
        </div>
        <div className="flex-1 overflow-y-auto p-2">
          {loading ? (
            <Spinner label="Loading nodes…" />
          ) : error ? (
            <ErrorState error={error} onRetry={onRetry} title="Could not load node types" />
          ) : shown.length === 0 ? (
            <p className="p-4 text-center text-sm text-slate-500">No node matches “{q}”.</p>
          ) : (
            <ul className="space-y-0.5">
              {shown.map((d) => (
                <li key={d.type}>
                  <button
                    type="button"
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData(LIBRARY_DRAG_TYPE, d.type);
                      e.dataTransfer.effectAllowed = 'copy';
                    }}
                    onClick={() => onAdd(d.type)}
                    className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-slate-100"
                    data-testid="node-library-item"
                    data-node-type={d.type}
                    title={d.description}
                  >
                    <span
                      className="grid size-7 shrink-0 place-items-center rounded-md text-[10px] font-bold text-white"
                      style={{ background: groupColor(d.group) }}
                    >
                      {nodeGlyph(d.type, d.displayName)}
                    </span>
                    <span className="min-w-0">
                      <span className="block truncate text-sm text-slate-800">{d.displayName}</span>
                      <span className="block truncate text-[11px] text-slate-500">{d.description}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="border-t border-slate-100 p-2">
          <button
            type="button"
            onClick={onAddSticky}
            className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-amber-50"
            data-testid="add-sticky"
          >
            <span className="grid size-7 place-items-center rounded-md bg-amber-200 text-xs">✎</span>
            Sticky note
          </button>
        </div>
      </aside>
    );
  }),
);
