import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { executionKeys } from '../../api/query-keys.ts';
import { Badge, statusTone } from '../../ui/Badge.tsx';
import { relativeTime } from '../../ui/format.ts';
import { ErrorState, Spinner } from '../../ui/States.tsx';
import { listRecentExecutions } from './workflows-api.ts';

/** The last runs across every visible workflow. */
export function RecentExecutions() {
  const q = useQuery({
    queryKey: executionKeys.recent(),
    queryFn: listRecentExecutions,
    refetchInterval: 10_000,
  });
  return (
    <section
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
      data-testid="recent-executions"
    >
      <div className="mb-3 flex items-baseline justify-between">
        <h2 className="text-sm font-semibold">Recent executions</h2>
        <Link
          href="/executions"
          className="text-xs text-indigo-600 hover:underline"
          data-testid="recent-executions-all"
        >
          All executions
        </Link>
      </div>
      {q.isPending ? (
        <Spinner />
      ) : q.isError ? (
        (q.error as { status?: number }).status === 404 ? (
          <p className="text-sm text-slate-500">Execution history is not available on this server yet.</p>
        ) : (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        )
      ) : q.data.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="recent-executions-empty">
          No runs yet. Open a workflow and press Run.
        </p>
      ) : (
        <ul className="space-y-2">
          {q.data.map((e) => (
            <li key={e.id} className="flex items-center gap-2 text-sm" data-testid="recent-execution-row">
              <Badge tone={statusTone(e.status)}>{e.status}</Badge>
              <Link
                href={`/workflows/${e.workflowId}?execution=${e.id}`}
                className="min-w-0 flex-1 truncate hover:underline"
              >
                {e.workflowName ?? e.workflowId}
              </Link>
              <span className="text-xs text-slate-400">{relativeTime(e.startedAt ?? e.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
