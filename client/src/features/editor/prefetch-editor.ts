import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { authKeys } from '../../api/query-keys.ts';
import type { User } from '../../api/types.ts';
import { signedInUser } from '../auth/auth-api.ts';
import { prefetchDocState } from './doc/doc-state.ts';
import { earlyOr, takeEarly } from './early-requests.ts';
import { nodeDescriptionsQuery } from './library/useNodeDescriptions.ts';
import { workflowMetaQuery } from './useWorkflowMeta.ts';

export type EditorChunk = typeof import('./EditorPage.tsx');

/** The editor chunk (canvas, Yjs, React Flow): one promise, shared by the route and the prefetch. */
let chunk: Promise<EditorChunk> | null = null;
let loaded: EditorChunk | null = null;
export const loadEditorChunk = () =>
  (chunk ??= import('./EditorPage.tsx').then(
    (m) => (loaded = m),
    (e) => {
      chunk = null; // a later attempt may succeed
      throw e;
    },
  ));
/** The editor chunk if it has loaded already. */
export const loadedEditorChunk = () => loaded;

/**
 * Opening `/workflows/{id}` directly: start the session check, the editor chunk, the workflow's REST view, its
 * document (doc-state.ts) and the node catalogue at page load, all at once, instead of one after the other from
 * React's first render on (no-op on other paths).
 */
export function prefetchEditor(queryClient: QueryClient, pathname: string): void {
  const m = /^\/workflows\/([^/]+)\/?$/.exec(pathname);
  let id: string;
  try {
    id = decodeURIComponent(m?.[1] ?? '');
  } catch {
    return;
  }
  if (!id) return;
  // The requests themselves usually left at page load already (index.html): these take their responses.
  const me = () => signedInUser(() => earlyOr('me', () => api<User>('/users/me')));
  void queryClient.prefetchQuery({ queryKey: authKeys.me(), queryFn: me, staleTime: 60_000 });
  prefetchDocState(id, takeEarly('doc'));
  void loadEditorChunk();
  const meta = workflowMetaQuery(id);
  void queryClient.prefetchQuery({ ...meta, queryFn: () => earlyOr('meta', meta.queryFn) });
  void queryClient.prefetchQuery(nodeDescriptionsQuery(() => earlyOr('nodes', () => api<unknown>('/nodes'))));
}
