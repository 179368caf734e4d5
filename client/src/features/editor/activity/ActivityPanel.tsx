import { Avatar } from '../../../ui/Avatar.tsx';
import { Button } from '../../../ui/Button.tsx';
import { formatDate, relativeTime } from '../../../ui/format.ts';
import { ErrorState, Spinner } from '../../../ui/States.tsx';
import { coversCanvas } from '../canvas/canvas-view.ts';
import { type ActivityGroup, describeFields } from './activity-model.ts';

/** The document's activity feed: who changed what, when, with links to the nodes. */
export function ActivityPanel({
  groups,
  loading,
  error,
  onRetry,
  hasMore,
  loadingMore,
  onLoadMore,
  onJump,
  canJump,
  onClose,
  selfId,
}: {
  groups: ActivityGroup[];
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onJump: (nodeId: string) => void;
  canJump: (nodeId: string) => boolean;
  onClose: () => void;
  selfId: string;
}) {
  return (
    <aside
      {...coversCanvas}
      className="absolute top-3 right-3 bottom-3 z-20 flex w-80 flex-col rounded-xl bg-white shadow-xl ring-1 ring-slate-200"
      data-testid="activity-panel"
      aria-label="Activity"
    >
      <header className="flex items-center border-b border-slate-100 px-4 py-2">
        <h2 className="text-sm font-semibold text-slate-900">Activity</h2>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onClose} data-testid="activity-close">
          Close
        </Button>
      </header>
      <div className="min-h-0 flex-1 overflow-auto px-3 py-2">
        {loading ? (
          <Spinner />
        ) : error ? (
          <ErrorState error={error} onRetry={onRetry} title="Could not load the activity" />
        ) : groups.length === 0 ? (
          <p className="p-3 text-sm text-slate-500" data-testid="activity-empty">
            No changes yet.
          </p>
        ) : (
          <ol className="space-y-3" data-testid="activity-list">
            {groups.map((g) => (
              <li key={g.key} className="flex gap-2" data-testid="activity-entry" data-user-name={g.name}>
                <Avatar name={g.name} id={g.userId ?? 'tandem'} size={24} />
                <div className="min-w-0 flex-1">
                  <p className="text-sm">
                    <span className="font-medium text-slate-900">{g.userId === selfId ? 'You' : g.name}</span>{' '}
                    <span className="text-slate-500">
                      {g.changes === 1 ? 'made a change' : `made ${g.changes} changes`}
                    </span>
                  </p>
                  <p
                    className="text-[11px] text-slate-400"
                    title={formatDate(g.to)}
                    data-testid="activity-when"
                  >
                    {relativeTime(g.to)}
                  </p>
                  {g.nodes.length > 0 && (
                    <ul className="mt-1 space-y-0.5">
                      {g.nodes.map((n) => (
                        <li key={n.nodeId} className="truncate text-xs">
                          <button
                            type="button"
                            className="font-medium text-indigo-700 enabled:hover:underline disabled:text-slate-500"
                            onClick={() => onJump(n.nodeId)}
                            disabled={!canJump(n.nodeId)}
                            data-testid="activity-node-link"
                            data-node-id={n.nodeId}
                          >
                            {n.name}
                          </button>{' '}
                          <span className="text-slate-500" data-testid="activity-node-what">
                            {describeFields(n.fields)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
        {hasMore && !loading && (
          <div className="mt-3 text-center">
            <Button size="sm" onClick={onLoadMore} busy={loadingMore} data-testid="activity-load-more">
              Older changes
            </Button>
          </div>
        )}
      </div>
    </aside>
  );
}
