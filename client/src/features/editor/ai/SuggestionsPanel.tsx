import { docParts } from '@tandem/shared/doc';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { coversCanvas } from '../canvas/canvas-view.ts';
import { useEditor } from '../editor-context.ts';
import { decideSuggestion, includeSuggestionsInUndo } from './decide.ts';
import { useSuggestionFocus } from './focus-store.ts';
import { SuggestionItem } from './SuggestionItem.tsx';
import { namesWithGhosts } from './suggestion-model.ts';
import { useRevealSuggestions } from './useRevealSuggestions.ts';
import { useSuggestions } from './useSuggestions.ts';

function docNames(nodes: ReturnType<typeof docParts>['nodes']): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, n] of nodes) {
    const name = typeof n?.get === 'function' ? n.get('name') : undefined;
    if (typeof name === 'string') out.set(id, name);
  }
  return out;
}

/**
 * The document's suggestions (the AI co-author's and people's), live for everyone: open ones with Accept/Reject for
 * editors, stale ones marked, decided ones on request. Floats over the canvas's top-right corner, and keeps the
 * ghosts it describes out from under itself and the canvas's other covers.
 */
export function SuggestionsPanel() {
  const { session, readOnly } = useEditor();
  const list = useSuggestions(session.doc);
  const show = useRevealSuggestions(session.doc, list);
  const [focused, setFocused] = useSuggestionFocus(session.doc);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [collapsed, setCollapsed] = useState(false);
  const [showDecided, setShowDecided] = useState(false);

  useEffect(() => includeSuggestionsInUndo(session.undoManager, session.doc), [session]);

  const open = useMemo(() => list.filter((s) => s.status === 'pending' || s.status === 'stale'), [list]);
  const decided = useMemo(
    () => list.filter((s) => s.status === 'accepted' || s.status === 'rejected'),
    [list],
  );
  const names = useMemo(() => namesWithGhosts(docNames(docParts(session.doc).nodes), list), [list, session]);

  const onDecide = useCallback(
    (id: string, decision: 'accept' | 'reject') => {
      if (readOnly) return;
      const error = decideSuggestion(session, id, decision);
      setErrors((prev) => {
        const next = { ...prev };
        if (error) next[id] = error;
        else delete next[id];
        return next;
      });
    },
    [readOnly, session],
  );

  const onFocus = useCallback(
    (id: string) => {
      setFocused(id);
      show(id);
    },
    [setFocused, show],
  );

  if (list.length === 0) return null;
  const pending = open.filter((s) => s.status === 'pending').length;
  const shown = showDecided ? [...open, ...decided.slice(-20)] : open;
  return (
    <section
      {...coversCanvas}
      className="absolute top-3 right-[calc(0.75rem+var(--right-panels,0rem))] z-10 flex max-h-[calc(100%-1.5rem)] w-80 flex-col rounded-xl bg-slate-50/95 shadow-lg ring-1 ring-slate-200 backdrop-blur"
      data-testid="ai-suggestions"
      aria-label="Suggestions"
    >
      <header className="flex items-center gap-2 px-3 py-2">
        <span className="size-2 rounded-full bg-violet-500" aria-hidden="true" />
        <h2 className="text-xs font-semibold text-slate-800">Suggestions</h2>
        <span className="text-[11px] text-slate-500" data-testid="ai-suggestions-count" data-count={pending}>
          {pending} open{open.length > pending ? `, ${open.length - pending} stale` : ''}
        </span>
        <button
          type="button"
          className="ml-auto rounded px-1.5 text-xs text-slate-500 hover:bg-slate-200"
          onClick={() => setCollapsed((c) => !c)}
          aria-expanded={!collapsed}
          data-testid="ai-suggestions-toggle"
        >
          {collapsed ? 'Show' : 'Hide'}
        </button>
      </header>
      {!collapsed && (
        <div className="min-h-0 overflow-y-auto px-2 pb-2">
          {readOnly && (
            <p className="px-1 pb-1.5 text-[11px] text-slate-500">
              You can view suggestions; editors decide them.
            </p>
          )}
          {open.length === 0 && (
            <p className="px-1 pb-1.5 text-[11px] text-slate-500">No open suggestions.</p>
          )}
          <ul className="space-y-1.5">
            {shown.map((s) => (
              <SuggestionItem
                key={s.id}
                s={s}
                names={names}
                readOnly={readOnly}
                focused={focused === s.id}
                error={errors[s.id]}
                onFocus={onFocus}
                onDecide={onDecide}
              />
            ))}
          </ul>
          {decided.length > 0 && (
            <button
              type="button"
              className="mt-1.5 px-1 text-[11px] text-slate-500 underline-offset-2 hover:underline"
              onClick={() => setShowDecided((v) => !v)}
              data-testid="ai-suggestions-decided-toggle"
            >
              {showDecided ? 'Hide decided' : `Show decided (${decided.length})`}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
