import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import {
  completionContext,
  expressionSegments,
  jsonFieldPaths,
  previewExpression,
} from './expression-tokens.ts';
import { useDraft } from './useDraft.ts';

/**
 * Expression editor: `{{ }}` blocks highlighted, `$json.` fields completed from the last run's input,
 * and a live preview against its first item. `value` is the stored text WITH the leading `=`.
 */
export function ExpressionInput({
  value,
  onChange,
  readOnly,
  sample,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  readOnly?: boolean;
  /** Items of the node's input in the last run (for completion and preview). */
  sample?: unknown[];
  testId?: string;
}) {
  const { draft, setDraft, onFocus, onBlur } = useDraft(value.slice(1));
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const fields = useMemo(() => jsonFieldPaths(sample ?? []), [sample]);
  const ctx = caret === null ? null : completionContext(draft, caret);
  const suggestions = ctx
    ? fields.filter((f) => f.startsWith(ctx.partial) && f !== ctx.partial).slice(0, 8)
    : [];
  const first = sample?.[0];
  const firstJson =
    first && typeof first === 'object' && 'json' in first ? (first as { json: unknown }).json : first;
  const preview = sample && sample.length > 0 ? previewExpression(draft, firstJson) : null;

  const commit = (text: string) => {
    setDraft(text);
    onChange(`=${text}`);
  };
  const accept = (field: string) => {
    if (!ctx || caret === null) return;
    const next = draft.slice(0, ctx.from) + field + draft.slice(caret);
    commit(next);
    const pos = ctx.from + field.length;
    requestAnimationFrame(() => {
      ref.current?.setSelectionRange(pos, pos);
      setCaret(pos);
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      accept(suggestions[Math.min(active, suggestions.length - 1)]);
    } else if (e.key === 'Escape') setCaret(null);
  };
  return (
    <div className="space-y-1">
      <div className="relative rounded-md bg-white font-mono text-[13px] ring-1 ring-indigo-300 focus-within:ring-2 focus-within:ring-indigo-500">
        <pre
          aria-hidden="true"
          className="pointer-events-none min-h-[34px] px-2.5 py-1.5 break-words whitespace-pre-wrap text-transparent"
          data-testid={testId ? `${testId}-highlight` : undefined}
        >
          {expressionSegments(draft).map((s) =>
            s.kind === 'expr' ? (
              <span
                key={s.start}
                data-expr-segment={s.closed ? 'ok' : 'open'}
                className={
                  s.closed ? 'rounded bg-emerald-100 text-emerald-900' : 'rounded bg-rose-100 text-rose-900'
                }
              >
                {s.text}
              </span>
            ) : (
              <span key={s.start} className="text-slate-900">
                {s.text}
              </span>
            ),
          )}
          {'\u200b'}
        </pre>
        <textarea
          ref={ref}
          value={draft}
          readOnly={readOnly}
          spellCheck={false}
          data-testid={testId}
          onFocus={onFocus}
          onBlur={() => {
            onBlur();
            setTimeout(() => setCaret(null), 150);
          }}
          onChange={(e) => {
            commit(e.target.value);
            setCaret(e.target.selectionStart);
            setActive(0);
          }}
          onSelect={(e) => setCaret((e.target as HTMLTextAreaElement).selectionStart)}
          onKeyDown={onKeyDown}
          className="absolute inset-0 h-full w-full resize-none overflow-hidden bg-transparent px-2.5 py-1.5 text-transparent caret-slate-900 outline-none"
        />
        {suggestions.length > 0 && (
          <ul
            className="absolute top-full left-0 z-20 mt-1 max-h-48 w-full overflow-auto rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200"
            data-testid="expression-suggestions"
          >
            {suggestions.map((f, i) => (
              <li key={f}>
                <button
                  type="button"
                  onMouseDown={(e) => {
                    e.preventDefault();
                    accept(f);
                  }}
                  className={`block w-full px-2.5 py-1 text-left font-mono text-xs ${i === active ? 'bg-indigo-50 text-indigo-700' : 'text-slate-700'}`}
                >
                  $json.{f}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {preview !== null ? (
        <p
          className="truncate rounded bg-slate-50 px-2 py-1 font-mono text-[11px] text-slate-600"
          data-testid="expression-preview"
        >
          = {preview}
        </p>
      ) : sample === undefined ? (
        <p className="text-[11px] text-slate-400">Run the workflow to preview this expression.</p>
      ) : null}
    </div>
  );
}
