import type { QueryClient } from '@tanstack/react-query';
import { authKeys } from '../../api/query-keys.ts';
import { fetchMe } from '../auth/auth-api.ts';
import { workflowMetaQuery } from './useWorkflowMeta.ts';

/** The editor chunk (canvas, Yjs, React Flow): one promise, shared by the route's `lazy()` and the prefetch. */
let chunk: Promise<typeof import('./EditorPage.tsx')> | null = null;
export const loadEditorChunk = () => (chunk ??= import('./EditorPage.tsx'));

/**
 * Opening `/workflows/{id}` directly: start the session check, the editor chunk and the workflow's REST view at
 * page load, all at once, instead of one after the other from React's first render on (no-op on other paths).
 */
export function prefetchEditor(queryClient: QueryClient, pathname: string): void {
  const m = /^\/workflows\/([^/]+)\/?$/.exec(pathname);
  if (!m) return;
  void queryClient.prefetchQuery({ queryKey: authKeys.me(), queryFn: fetchMe, staleTime: 60_000 });
  void loadEditorChunk();
  void queryClient.prefetchQuery(workflowMetaQuery(decodeURIComponent(m[1])));
}
