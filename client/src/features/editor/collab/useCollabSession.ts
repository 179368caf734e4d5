import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import type { User } from '../../../api/types.ts';
import { type CollabSession, openCollabSession, type Refusal } from './collab-session.ts';
import { initialTracker, reduceSave, type SaveEvent, type SaveStatus, saveStatus } from './save-state.ts';

/**
 * Opens the collaboration session of a workflow for the lifetime of the component and tracks
 * the saved/syncing/offline state.
 */
export function useCollabSession(
  workflowId: string,
  user: User,
  enabled = true,
): { session: CollabSession | null; status: SaveStatus; refusal: Refusal | null } {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // The tracker changes with every edit and ack; only the derived status is state, so a drag (one edit per
  // frame) does not re-render the editor for nothing.
  const tracker = useRef(initialTracker);
  const [status, setStatus] = useState<SaveStatus>(saveStatus(initialTracker));
  const dispatch = (e: SaveEvent) => {
    tracker.current = reduceSave(tracker.current, e);
    setStatus(saveStatus(tracker.current));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reconnect only when the workflow or the person changes
  useEffect(() => {
    if (!enabled) return;
    const s = openCollabSession(workflowId, user);
    tracker.current = initialTracker;
    setStatus(saveStatus(initialTracker));
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
    // The browser knows about an outage before a half-open socket does: stop using the socket (edits stay local and
    // in IndexedDB), and when the network is back reconnect, which re-syncs both ways and merges.
    const offline = () => {
      dispatch({ type: 'status', connected: false });
      s.provider.disconnect();
    };
    const online = () => s.provider.connect();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      s.destroy();
      setSession(null);
    };
  }, [workflowId, user.id, enabled]);
  return { session, status, refusal };
}
