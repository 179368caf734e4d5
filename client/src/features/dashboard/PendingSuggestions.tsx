import { Link } from 'wouter';
import { Badge } from '../../ui/Badge.tsx';
import { relativeTime } from '../../ui/format.ts';
import { ErrorState, Spinner } from '../../ui/States.tsx';
import { usePendingSuggestions } from './use-pending-suggestions.ts';

/**
 * Suggestions waiting for the team, per workflow: the failure watcher's proposed fixes and the AI co-author's (or
 * a person's) suggestions nobody has accepted or rejected yet. Opening the workflow shows them on the canvas.
 */
export function PendingSuggestions() {
  const q = usePendingSuggestions();
  return (
    <section
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
      data-testid="pending-suggestions"
    >
      <h2 className="mb-3 text-sm font-semibold">Suggestions waiting</h2>
      {q.isPending ? (
        <Spinner />
      ) : q.isError ? (
        (q.error as { status?: number }).status === 404 ? (
          <p className="text-sm text-slate-500">This server does not list suggestions yet.</p>
        ) : (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        )
      ) : q.data.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="pending-suggestions-empty">
          Nothing waiting. Fixes the AI co-author proposes after a failed run show up here.
        </p>
      ) : (
        <ul className="space-y-3">
          {q.data.map((g) => (
            <li key={g.workflowId} className="text-sm" data-testid="pending-suggestion-row">
              <div className="flex items-center gap-2">
                <Link
                  href={`/workflows/${encodeURIComponent(g.workflowId)}`}
                  className="min-w-0 flex-1 truncate font-medium hover:underline"
                >
                  {g.workflowName}
                </Link>
                {g.fixes.length > 0 && (
                  <Badge tone="red" testId="pending-suggestion-fix">
                    {g.fixes.length === 1 ? 'fix for a failed run' : `${g.fixes.length} fixes`}
                  </Badge>
                )}
                <Badge tone="indigo">{g.count}</Badge>
              </div>
              <p className="mt-0.5 truncate text-xs text-slate-500" title={g.top.rationale}>
                {g.fixes[0] ? `“${g.fixes[0].node}” failed: ${g.fixes[0].message}` : g.top.rationale}
              </p>
              <p className="text-[11px] text-slate-400">
                {g.top.byAi ? 'AI co-author' : (g.top.author.name ?? 'A teammate')} ·{' '}
                {relativeTime(g.top.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
