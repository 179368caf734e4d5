import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { workflowKeys } from '../../../api/query-keys.ts';
import { fetchActivity } from './activity-api.ts';
import { attachNodes, groupActivity, type NodeAttribution, readAttributions } from './activity-model.ts';

/** After a document change, refresh the feed this much later (the server stores the change first). */
const AFTER_CHANGE_MS = 1000;
/** Changes that reach the server some other way (REST writes, restores) show up within this. */
const POLL_MS = 15_000;

/**
 * The document's activity feed while `open`: pages of the server's change log, grouped per person and linked to
 * the nodes they changed (document attribution). Refreshes shortly after every document change, and every 15 s.
 */
export function useActivity(workflowId: string, doc: Y.Doc, open: boolean) {
  const qc = useQueryClient();
  const queryKey = workflowKeys.activity(workflowId);
  const q = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchActivity(workflowId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: open,
    refetchInterval: open ? POLL_MS : false,
    staleTime: 0,
  });
  const [attrs, setAttrs] = useState<NodeAttribution[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: queryKey is derived from workflowId
  useEffect(() => {
    if (!open) return;
    setAttrs(readAttributions(doc));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setAttrs(readAttributions(doc));
        void qc.invalidateQueries({ queryKey });
      }, AFTER_CHANGE_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      doc.off('update', onUpdate);
    };
  }, [doc, open, qc, workflowId]);
  const groups = useMemo(
    () => attachNodes(groupActivity(q.data?.pages.flatMap((p) => p.data) ?? []), attrs),
    [q.data, attrs],
  );
  return { query: q, groups };
}
