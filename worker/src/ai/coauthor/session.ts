import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export const COAUTHOR_NAME = 'AI co-author';
export const COAUTHOR_COLOR = '#8b5cf6';

export interface CoauthorSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Set the status shown next to the co-author's cursor ("thinking…", "idle"). */
  setStatus(status: string): void;
  /** Move the co-author's canvas cursor (to where it is working). */
  moveCursor(position: [number, number] | undefined, selection?: string[]): void;
  close(): void;
}

export interface JoinOptions {
  /** Collab endpoint base, e.g. `ws://127.0.0.1:3000/collab`; the room is the workflow id. */
  url: string;
  workflowId: string;
  /** Short-lived collab token from `signCollabToken` for the co-author's identity. */
  token: string;
  /** Give up when the first sync does not complete in time. */
  timeoutMs?: number;
}

/**
 * Join a workflow document over the collab protocol as the AI co-author: a y-websocket provider in Node with its
 * own awareness entry (name, colour, cursor, status). Resolves once the document is synced.
 * @example const s = await joinAsCoauthor({ url, workflowId, token: signCollabToken({ userId: 'ai:coauthor', workflowId }, key) });
 */
export async function joinAsCoauthor(opts: JoinOptions): Promise<CoauthorSession> {
  const doc = new Y.Doc();
  // Loaded on the first co-author turn, not at start.
  const [{ WebSocket }, { WebsocketProvider }] = await Promise.all([import('ws'), import('y-websocket')]);
  const provider = new WebsocketProvider(opts.url, opts.workflowId, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { token: opts.token },
    disableBc: true,
    maxBackoffTime: 2_000,
  });
  const awareness = provider.awareness;
  awareness.setLocalState({
    user: { id: 'ai:coauthor', name: COAUTHOR_NAME, color: COAUTHOR_COLOR, ai: true },
    status: 'joining',
  });
  const close = () => {
    awareness.setLocalState(null);
    provider.destroy();
    doc.destroy();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('The co-author could not sync the workflow document in time')),
        opts.timeoutMs ?? 10_000,
      );
      const onSync = (synced: boolean) => {
        if (!synced) return;
        clearTimeout(timer);
        provider.off('sync', onSync);
        resolve();
      };
      provider.on('sync', onSync);
      // A refused upgrade (bad token, no access) or an unreachable server shows up as closes before the first sync:
      // give up after a few instead of retrying forever.
      let closes = 0;
      provider.on('connection-close', (event: { code?: number } | null) => {
        closes += 1;
        const refused = event?.code !== undefined && event.code >= 4000;
        if (refused || closes >= 3) {
          clearTimeout(timer);
          reject(
            new Error(
              `The collab server refused or did not accept the co-author${event?.code ? ` (close code ${event.code})` : ''}`,
            ),
          );
        }
      });
    });
  } catch (err) {
    close();
    throw err;
  }
  awareness.setLocalStateField('status', 'idle');
  return {
    doc,
    provider,
    setStatus: (status) => awareness.setLocalStateField('status', status),
    moveCursor: (position, selection) => {
      awareness.setLocalStateField('cursor', position ? { x: position[0], y: position[1] } : null);
      if (selection) awareness.setLocalStateField('selection', selection);
    },
    close,
  };
}
