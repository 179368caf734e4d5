import { docParts } from '@tandem/shared/doc';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readThreads, type ThreadView } from './read-comments.ts';

/** Comment threads of the document, live. */
export function useThreads(doc: Y.Doc): ThreadView[] {
  const [threads, setThreads] = useState<ThreadView[]>(() => readThreads(doc));
  useEffect(() => {
    const comments = docParts(doc).comments;
    const update = () => setThreads(readThreads(doc));
    update();
    comments.observeDeep(update);
    return () => comments.unobserveDeep(update);
  }, [doc]);
  return threads;
}
