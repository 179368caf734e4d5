import {
  applyOps,
  COLLAB_MESSAGE,
  type DocOpInput,
  docParts,
  type OpResult,
  readCollabNotice,
} from '@tandem/shared/doc';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { User } from '../../../api/types.ts';
import { colorFor } from '../../../ui/colors.ts';
import { afterPaint } from '../after-paint.ts';
import { lighten, type PresenceState } from './awareness-state.ts';
import { sendOwnPresenceOnly } from './own-presence.ts';

/** A refusal from the server: the update was dropped (read-only, too large, storage failure). */
export interface Refusal {
  code: string;
  message: string;
}

/** One open workflow document: Y.Doc, websocket provider, awareness, per-user undo. */
export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Transaction origin of this user's edits; the undo manager tracks only it. */
  origin: { user: string };
  undoManager: Y.UndoManager;
  user: User;
  color: string;
  /** Applies edit operations as one transaction attributed to this user. */
  apply(ops: DocOpInput[]): OpResult[];
  /** Listeners for durable acks: our clock the server has stored up to (null: unknown message count). */
  onDurable: Set<(clock: number | null) => void>;
  /** Listeners for refused updates. */
  onRefused: Set<(r: Refusal) => void>;
  destroy(): void;
}

/** Whether an outgoing frame is a sync step 2 or update (what the server counts for its acks). */
export function isCountedSync(data: unknown): boolean {
  const b = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  return !!b && b.length > 1 && b[0] === 0 && (b[1] === 1 || b[1] === 2);
}

/** The IndexedDB database holding this user's local copy of a workflow document. */
export function localDocName(userId: string, workflowId: string): string {
  return `tandem:${userId}:${workflowId}`;
}

/** Transaction origin of a document state fetched over HTTP (not an edit of this user). */
export const FETCHED_STATE = Symbol('fetched-state');

/** Applies a document state fetched over HTTP; false when the bytes are not a readable update. */
export function applyFetchedState(doc: Y.Doc, state: Uint8Array): boolean {
  try {
    Y.applyUpdate(doc, state, FETCHED_STATE);
    return true;
  } catch {
    return false;
  }
}

/** ws(s)://host/collab for the page's origin. */
export function collabUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/collab`;
}

/**
 * Opens the collaboration session for a workflow (cookie-authenticated websocket at /collab/{id}). `initialState`
 * (the document fetched over HTTP, see doc-state.ts) is applied before the socket connects, so the editor shows it
 * at once and the socket's sync only exchanges what changed since; unreadable bytes are ignored (the sync brings
 * everything then).
 * @example const s = openCollabSession('wf1', me); s.apply([{ op: 'moveNode', nodeId, position: [0, 0] }])
 */
export function openCollabSession(
  workflowId: string,
  user: User,
  initialState: Uint8Array | null = null,
): CollabSession {
  const doc = new Y.Doc();
  if (initialState) applyFetchedState(doc, initialState);
  // The server's durable ack echoes how many sync messages (step 2 / update) it handled on this connection;
  // remembering our clock at each send turns that count into "everything up to clock X is stored".
  const sentClocks: number[] = [];
  class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sentClocks.length = 0;
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (isCountedSync(data)) sentClocks.push(Y.getState(doc.store, doc.clientID));
      super.send(data);
    }
  }
  // The document is also kept in this browser (per user and workflow): edits made offline survive a reload and
  // merge into everyone's copy when the connection comes back. Opened once the editor has painted: on opening,
  // y-indexeddb reads the stored copy into the document and writes the whole document back (an encode of every
  // node, ~10–20 ms of main thread for 200 nodes) that would otherwise land before the first frame. Edits made
  // before are in that write.
  let local: IndexeddbPersistence | null = null;
  const cancelLocal =
    typeof indexedDB === 'undefined'
      ? () => {}
      : afterPaint(() => {
          local = new IndexeddbPersistence(localDocName(user.id, workflowId), doc);
        });
  // BroadcastChannel is off: a read-only tab must never feed edits to a writable tab of the same browser.
  const provider = new WebsocketProvider(collabUrl(), workflowId, doc, {
    disableBc: true,
    maxBackoffTime: 5000,
    WebSocketPolyfill: CountingWebSocket,
  });
  sendOwnPresenceOnly(provider);
  const origin = { user: user.id };
  const p = docParts(doc);
  const undoManager = new Y.UndoManager([p.nodes, p.edges, p.pinData, p.meta], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 400,
  });
  const color = colorFor(user.id);
  const onDurable = new Set<(clock: number | null) => void>();
  const onRefused = new Set<(r: Refusal) => void>();
  provider.messageHandlers[COLLAB_MESSAGE.auth] = (_encoder, decoder) => {
    const notice = readCollabNotice(decoder);
    if (notice?.type === 'durable') {
      const clock = sentClocks[notice.accepted - 1] ?? null;
      for (const fn of onDurable) fn(clock);
    } else if (notice?.type === 'refused') {
      for (const fn of onRefused) fn({ code: notice.code, message: notice.message });
    } else if (notice?.type === 'permission-denied') {
      for (const fn of onRefused) fn({ code: 'denied', message: notice.reason });
    }
  };

  const state: PresenceState = {
    user: { id: user.id, name: user.name, color, colorLight: lighten(color), kind: 'human' },
    pointer: null,
    selection: [],
    editing: null,
  };
  provider.awareness.setLocalState(state);
  const actor = { userId: user.id, name: user.name };
  return {
    doc,
    provider,
    origin,
    undoManager,
    user,
    color,
    onDurable,
    onRefused,
    apply: (ops) => applyOps(doc, ops, { actor, origin }),
    destroy: () => {
      undoManager.destroy();
      provider.awareness.setLocalState(null);
      provider.destroy();
      cancelLocal();
      void local?.destroy();
      doc.destroy();
    },
  };
}
