import { useLayoutEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import type { User } from '../../../api/types.ts';
import { takeDocState, takeSettledDocState } from '../doc/doc-state.ts';
import { markOnce } from '../load-marks.ts';
import {
  applyFetchedState,
  type CollabSession,
  FETCHED_STATE,
  openCollabSession,
  type Refusal,
} from './collab-session.ts';
import { initialTracker, reduceSave, type SaveEvent, type SaveStatus, saveStatus } from './save-state.ts';

/** How long a session waits for the document fetched over HTTP before it opens without it. */
const STATE_WAIT_MS = 3000;

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
  // A layout effect: with the document state already here, the session opens and the editor renders in the same
  // task, before the browser paints the spinner in between.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reconnect only when the workflow or the person changes
  useLayoutEffect(() => {
    if (!enabled) return;
    const wire = (s: CollabSession) => {
      tracker.current = initialTracker;
      setStatus(saveStatus(initialTracker));
      setSession(s);
      const onStatus = ({ status }: { status: string }) =>
        dispatch({ type: 'status', connected: status === 'connected' });
      const onSync = (synced: boolean) => {
        if (synced) markOnce('doc-synced');
        dispatch({ type: 'synced', synced });
      };
      const onClose = (event: CloseEvent | null) => {
        if (event && event.code >= 4400 && event.code < 4500) dispatch({ type: 'denied' });
      };
      const onUpdate = (_u: Uint8Array, origin: unknown) => {
        if (origin !== s.provider && origin !== FETCHED_STATE)
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
      // The browser knows about an outage before a half-open socket does: stop using the socket (edits stay local
      // and in IndexedDB), and when the network is back reconnect, which re-syncs both ways and merges.
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
      };
    };
    // The session opens with the document fetched over HTTP (usually prefetched at page load, so already here):
    // the editor's first render shows the workflow, and the socket only syncs the difference. Should that fetch
    // be slow, the session opens without it after STATE_WAIT_MS and the state merges in when it comes.
    let close: (() => void) | null = null;
    let session: CollabSession | null = null;
    let stopped = false;
    const open = (initial: Uint8Array | null) => {
      if (stopped || session) return;
      session = openCollabSession(workflowId, user, initial);
      if (initial) markOnce('doc-state-applied');
      close = wire(session);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settled = takeSettledDocState(workflowId);
    if (settled !== undefined) open(settled);
    else {
      timer = setTimeout(() => open(null), STATE_WAIT_MS);
      void takeDocState(workflowId).then((state) => {
        clearTimeout(timer);
        if (!session) open(state);
        else if (state && !stopped) applyFetchedState(session.doc, state);
      });
    }
    return () => {
      stopped = true;
      clearTimeout(timer);
      close?.();
      setSession(null);
    };
  }, [workflowId, user.id, enabled]);
  return { session, status, refusal };
}
