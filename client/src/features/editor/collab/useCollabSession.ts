import { useEffect, useReducer, useState } from 'react';
import * as Y from 'yjs';
import type { User } from '../../../api/types.ts';
import { type CollabSession, openCollabSession, type Refusal } from './collab-session.ts';
import { initialTracker, reduceSave, type SaveStatus, saveStatus } from './save-state.ts';

/**
 * Opens the collaboration session of a workflow for the lifetime of the component and tracks
 * the saved/syncing/offline state.
 */
export function useCollabSession(
  workflowId: string,
  user: User,
): { session: CollabSession | null; status: SaveStatus; refusal: Refusal | null } {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [tracker, dispatch] = useReducer(reduceSave, initialTracker);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reconnect only when the workflow or the person changes
  useEffect(() => {
    const s = openCollabSession(workflowId, user);
    setSession(s);
    const onStatus = ({ status }: { status: string }) =>
      dispatch({ type: 'status', connected: status === 'connected' });
    const onSync = (synced: boolean) => {
      // A mark for the editor benchmark (first render after the document arrived).
      if (synced && performance.getEntriesByName('tandem:doc-synced').length === 0)
        performance.mark('tandem:doc-synced');
      dispatch({ type: 'synced', synced });
    };
    const onClose = (event: CloseEvent | null) => {
      if (event && event.code >= 4400 && event.code < 4500) dispatch({ type: 'denied' });
    };
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (origin !== s.provider)
        dispatch({ type: 'local-update', clock: Y.getState(s.doc.store, s.doc.clientID) });
    };
    const onDurable = (clock: number | null) => dispatch({ type: 'durable', clock });
    const onRefused = (r: Refusal) => setRefusal(r);
    s.provider.on('status', onStatus);
    s.provider.on('sync', onSync);
    s.provider.on('connection-close', onClose);
    s.doc.on('update', onUpdate);
    s.onDurable.add(onDurable);
    s.onRefused.add(onRefused);
    const offline = () => dispatch({ type: 'status', connected: false });
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('offline', offline);
      s.destroy();
      setSession(null);
    };
  }, [workflowId, user.id]);
  return { session, status: saveStatus(tracker), refusal };
}
