import type * as Y from 'yjs';
import { ActivityPanel } from './ActivityPanel.tsx';
import { useActivity } from './useActivity.ts';

/** The activity panel bound to the workflow's feed (mounted while it is open). */
export function ActivityFeed({
  workflowId,
  doc,
  selfId,
  onJump,
  canJump,
  onClose,
}: {
  workflowId: string;
  doc: Y.Doc;
  selfId: string;
  onJump: (nodeId: string) => void;
  canJump: (nodeId: string) => boolean;
  onClose: () => void;
}) {
  const { query, groups } = useActivity(workflowId, doc, true);
  return (
    <ActivityPanel
      groups={groups}
      loading={query.isPending}
      error={query.isError ? query.error : null}
      onRetry={() => query.refetch()}
      hasMore={query.hasNextPage}
      loadingMore={query.isFetchingNextPage}
      onLoadMore={() => query.fetchNextPage()}
      onJump={onJump}
      canJump={canJump}
      onClose={onClose}
      selfId={selfId}
    />
  );
}
