import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../../api/client.ts';
import { systemKeys } from '../../../api/query-keys.ts';
import { type NodeDescriptionDto, normaliseDescriptions } from './node-catalog.ts';

/** The query of `GET /api/nodes` (shared with the editor's prefetch at page load). */
export const nodeDescriptionsQuery = (request: () => Promise<unknown> = () => api<unknown>('/nodes')) => ({
  queryKey: systemKeys.nodes(),
  queryFn: async () => normaliseDescriptions(await request()),
  staleTime: Number.POSITIVE_INFINITY,
});

/** Node descriptions from `GET /api/nodes`, as a list and a by-type map. */
export function useNodeDescriptions() {
  const q = useQuery(nodeDescriptionsQuery());
  const byType = useMemo(
    () => new Map<string, NodeDescriptionDto>((q.data ?? []).map((d) => [d.type, d])),
    [q.data],
  );
  return { ...q, list: q.data ?? [], byType };
}
