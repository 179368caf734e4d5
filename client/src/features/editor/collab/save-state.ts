/** What the editor's indicator shows about the draft. */
export type SaveStatus = 'saved' | 'syncing' | 'offline' | 'denied';

export interface SaveTracker {
  connected: boolean;
  synced: boolean;
  /** Set when the connection was refused for good (no access, workflow deleted). */
  denied: boolean;
  /** Our client's clock in the document (grows with each local edit). */
  localClock: number;
  /** Highest clock of ours the server confirmed as stored; -1 until the server sends a durable ack. */
  ackedClock: number;
}

export const initialTracker: SaveTracker = {
  connected: false,
  synced: false,
  denied: false,
  localClock: 0,
  ackedClock: -1,
};

export type SaveEvent =
  | { type: 'status'; connected: boolean }
  | { type: 'synced'; synced: boolean }
  | { type: 'local-update'; clock: number }
  /** `clock`: our clock covered by the acknowledged update, or null when the ack did not include our edits. */
  | { type: 'durable'; clock: number | null }
  | { type: 'denied' };

/**
 * Folds a provider event into the tracker (pure, so it is unit-tested).
 * @example reduceSave(initialTracker, { type: 'status', connected: true })
 */
export function reduceSave(s: SaveTracker, e: SaveEvent): SaveTracker {
  switch (e.type) {
    case 'status':
      // A reconnect re-runs sync; until then what we have is not known to be on the server.
      return { ...s, connected: e.connected, synced: e.connected ? s.synced : false };
    case 'synced':
      return { ...s, synced: e.synced };
    case 'local-update':
      return { ...s, localClock: Math.max(s.localClock, e.clock) };
    case 'durable':
      return { ...s, ackedClock: Math.max(s.ackedClock, e.clock ?? 0) };
    case 'denied':
      return { ...s, denied: true, connected: false };
  }
}

/**
 * The indicator state: offline without a connection, syncing until the server has everything (and, once it
 * sends durable acks, until it confirmed storing our last edit), saved otherwise.
 */
export function saveStatus(s: SaveTracker): SaveStatus {
  if (s.denied) return 'denied';
  if (!s.connected) return 'offline';
  if (!s.synced) return 'syncing';
  if (s.ackedClock >= 0 && s.ackedClock < s.localClock) return 'syncing';
  return 'saved';
}
