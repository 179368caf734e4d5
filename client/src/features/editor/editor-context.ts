import { createContext, useContext } from 'react';
import type { CollabSession } from './collab/collab-session.ts';
import type { NodeDescriptionDto } from './library/node-catalog.ts';

/** Things every editor component needs and that rarely change. */
export interface EditorContextValue {
  session: CollabSession;
  workflowId: string;
  readOnly: boolean;
  descriptions: Map<string, NodeDescriptionDto>;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

/** The editor context; throws outside the editor. */
export function useEditor(): EditorContextValue {
  const v = useContext(EditorContext);
  if (!v) throw new Error('useEditor outside the editor');
  return v;
}
