import { useEffect, useState } from 'react';
import type { User } from '../../api/types.ts';
import { ErrorState, Spinner } from '../../ui/States.tsx';
import { type EditorChunk, loadEditorChunk, loadedEditorChunk } from './prefetch-editor.ts';

/**
 * The editor route, its chunk loaded on demand (main.tsx prefetches it). Not `React.lazy` + Suspense: React holds
 * a resolved Suspense boundary back until 300 ms after its fallback appeared, and the chunk usually arrives
 * sooner than that; a state update renders the editor the moment it is there.
 */
export function LazyEditorPage({ workflowId, user }: { workflowId: string; user: User }) {
  const [chunk, setChunk] = useState<EditorChunk | null>(loadedEditorChunk);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (chunk) return;
    let live = true;
    loadEditorChunk().then(
      (m) => live && setChunk(m),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [chunk]);
  if (error)
    return (
      <div className="mx-auto max-w-lg p-10">
        <ErrorState
          error={error}
          onRetry={() => window.location.reload()}
          title="Could not load the editor"
        />
      </div>
    );
  if (!chunk) return <Spinner label="Opening editor…" />;
  const EditorPage = chunk.default;
  return <EditorPage workflowId={workflowId} user={user} />;
}
