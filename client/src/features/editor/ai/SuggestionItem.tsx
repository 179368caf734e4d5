import { memo } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { authorName, canAccept, canReject, describeOp, type SuggestionView } from './suggestion-model.ts';

const STATUS_LABEL = {
  pending: 'Pending',
  stale: 'Stale',
  accepted: 'Accepted',
  rejected: 'Rejected',
} as const;
const STATUS_STYLE = {
  pending: 'bg-violet-50 text-violet-700 ring-violet-200',
  stale: 'bg-amber-50 text-amber-700 ring-amber-200',
  accepted: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  rejected: 'bg-slate-100 text-slate-600 ring-slate-200',
} as const;

/** One suggestion in the side list: who, why, what it changes, and Accept/Reject for editors. */
export const SuggestionItem = memo(function SuggestionItem({
  s,
  names,
  readOnly,
  focused,
  error,
  onFocus,
  onDecide,
}: {
  s: SuggestionView;
  names: ReadonlyMap<string, string>;
  readOnly: boolean;
  focused: boolean;
  error: string | undefined;
  onFocus: (id: string) => void;
  onDecide: (id: string, decision: 'accept' | 'reject') => void;
}) {
  const lines = s.ops.slice(0, 8).map((op) => describeOp(op, names));
  const more = s.ops.length - lines.length;
  return (
    <li
      data-testid="ai-suggestion"
      data-suggestion-id={s.id}
      data-status={s.status}
      data-focused={focused}
      onClick={() => onFocus(s.id)}
      className={`rounded-lg bg-white p-2.5 ring-1 ${focused ? 'ring-2 ring-violet-400' : 'ring-slate-200'} ${
        s.status === 'stale' || s.status === 'rejected' ? 'opacity-75' : ''
      }`}
    >
      <div className="flex items-center gap-1.5 text-[11px]">
        <span
          className={`grid size-4 place-items-center rounded-full text-[9px] font-bold text-white ${s.byAi ? 'bg-violet-500' : 'bg-sky-500'}`}
          aria-hidden="true"
        >
          {s.byAi ? 'AI' : authorName(s.author).slice(0, 1).toUpperCase()}
        </span>
        <span className="truncate font-medium text-slate-700" data-testid="ai-suggestion-author">
          {authorName(s.author)}
        </span>
        <button
          type="button"
          className="ml-auto rounded px-1 text-[11px] text-violet-700 hover:bg-violet-50"
          onClick={(e) => {
            e.stopPropagation();
            onFocus(s.id);
          }}
          data-testid="ai-suggestion-show"
          title="Show on the canvas"
        >
          Show
        </button>
        <span
          className={`rounded-full px-1.5 py-px font-medium ring-1 ring-inset ${STATUS_STYLE[s.status]}`}
          title={s.decidedBy ? `by ${authorName(s.decidedBy)}` : undefined}
        >
          {STATUS_LABEL[s.status]}
        </span>
      </div>
      {s.rationale && (
        <p
          className="mt-1.5 text-xs whitespace-pre-line text-slate-800"
          data-testid="ai-suggestion-rationale"
        >
          {s.rationale.length > 600 ? `${s.rationale.slice(0, 599)}…` : s.rationale}
        </p>
      )}
      <ul className="mt-1.5 space-y-0.5 text-[11px] text-slate-600" data-testid="ai-suggestion-changes">
        {lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the op list of a suggestion never changes
          <li key={i} className="truncate" title={line}>
            • {line}
          </li>
        ))}
        {more > 0 && <li>• and {more} more</li>}
      </ul>
      {s.status === 'stale' && (
        <p className="mt-1.5 text-[11px] text-amber-700">
          The workflow changed where this applies, so it can no longer be accepted.
        </p>
      )}
      {s.decidedBy && (s.status === 'accepted' || s.status === 'rejected') && (
        <p className="mt-1.5 text-[11px] text-slate-500">
          {STATUS_LABEL[s.status]} by {authorName(s.decidedBy)}
        </p>
      )}
      {error && (
        <p className="mt-1.5 text-[11px] text-rose-700" role="alert" data-testid="ai-suggestion-error">
          {error}
        </p>
      )}
      {(canAccept(s, readOnly) || canReject(s, readOnly)) && (
        <div className="mt-2 flex gap-1.5">
          <Button
            size="sm"
            variant="primary"
            disabled={!canAccept(s, readOnly)}
            title={s.status === 'stale' ? 'Stale suggestions cannot be accepted' : 'Apply these changes'}
            onClick={(e) => {
              e.stopPropagation();
              onDecide(s.id, 'accept');
            }}
            data-testid="ai-suggestion-accept"
          >
            Accept
          </Button>
          <Button
            size="sm"
            onClick={(e) => {
              e.stopPropagation();
              onDecide(s.id, 'reject');
            }}
            data-testid="ai-suggestion-reject"
          >
            {s.status === 'stale' ? 'Dismiss' : 'Reject'}
          </Button>
        </div>
      )}
    </li>
  );
});
