import type { Logger } from 'pino';
import type { Fanout } from './fanout.ts';
import type { DocumentStore } from './store.ts';

export type Limits = {
  maxMessageBytes: number;
  maxDocBytes: number;
  messagesPerSec: number;
  messageBurst: number;
  maxQueued: number;
  presenceIntervalMs: number;
  /** Compact once the log holds this many bytes AND at least twice the snapshot's size (bounds write amplification). */
  compactMinBytes: number;
  /** ... or once the log has this many rows, whatever their size (bounds load time). */
  compactMaxRows: number;
  authRecheckMs: number;
  resyncIntervalMs: number;
  /** A room with no document change or full read for this long keeps only its encoded state (0 = never). */
  hibernateAfterMs: number;
};

/** Counters shared by all rooms of one server (rooms come and go; counters stay). */
export type RoomStats = { updatesAccepted: number; bytesReceived: number; refused: number; resyncs: number };

export type RoomDeps = {
  store: DocumentStore;
  logger: Logger;
  limits: Limits;
  fanout: Fanout | null;
  stats: RoomStats;
};
