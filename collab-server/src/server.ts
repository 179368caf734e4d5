import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { docToWorkflow, PRESENCE_INTERVAL_MS } from '@tandem/shared/doc';
import type { WorkflowJson } from '@tandem/shared/schema';
import pino, { type Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { Conn, type Role } from './connection.ts';
import { createRedisFanout, type Fanout } from './fanout.ts';
import { CLOSE, MSG } from './protocol.ts';
import { type Limits, MalformedError, Room } from './room.ts';
import type { DocumentStore } from './store.ts';

export type CollabUser = {
  userId: string;
  name: string;
  /** Re-checked with the role: false (the session was signed out, the token holder's account is gone) closes it. */
  stillValid?: () => Promise<boolean>;
};

export type CollabServerOptions = {
  store: DocumentStore;
  /** Who is this request (session cookie or `token` query parameter)? null = refused at the upgrade. */
  authenticate: (req: IncomingMessage) => Promise<CollabUser | null>;
  /** The user's role on the workflow; re-checked every `limits.authRecheckMs` while connected. */
  authorize: (userId: string, workflowId: string) => Promise<Role | null>;
  /** With Redis, several instances serve one document. `prefix` namespaces the channels. */
  redis?: { url: string; prefix?: string };
  /** A ready-made fan-out (overrides `redis`; tests inject a lossy one). */
  fanout?: Fanout;
  logger?: Logger;
  limits?: Partial<Limits>;
};

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 1024 * 1024,
  maxDocBytes: 64 * 1024 * 1024,
  messagesPerSec: 300,
  messageBurst: 600,
  maxQueued: 1000,
  presenceIntervalMs: PRESENCE_INTERVAL_MS,
  compactMinBytes: 64 * 1024,
  compactMaxRows: 20_000,
  authRecheckMs: 2000,
  resyncIntervalMs: 30_000,
  hibernateAfterMs: 30_000,
};

const PATH = /^\/collab\/([A-Za-z0-9_-]{1,64})\/?$/;

export type CollabServer = ReturnType<typeof createCollabServer>;

/**
 * The collaboration server as a library: the api's composition root routes websocket upgrades of
 * `/collab/{workflowId}` to `handleUpgrade`. Speaks the y-websocket protocol; see ARCHITECTURE.md.
 * @example
 * const collab = createCollabServer({ store, authenticate, authorize, redis: { url: env.REDIS_URL } });
 * httpServer.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head));
 */
export function createCollabServer(opts: CollabServerOptions) {
  const logger = opts.logger ?? pino({ level: 'silent' });
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const fanout: Fanout | null = opts.fanout ?? (opts.redis ? createRedisFanout(opts.redis, logger) : null);
  const roomStats = { updatesAccepted: 0, bytesReceived: 0, refused: 0, resyncs: 0 };
  const deps = { store: opts.store, logger, limits, fanout, stats: roomStats };
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const rooms = new Map<string, { room: Room; refs: number; ready: Promise<void>; loaded: boolean }>();
  const unloading = new Map<string, Promise<void>>();
  let closing = false;
  const counters = { connections: 0, refusedUpgrades: 0, malformed: 0 };

  fanout?.onReconnect(() => {
    for (const { room } of rooms.values()) void room.resync();
  });

  async function acquire(docId: string): Promise<Room> {
    await unloading.get(docId);
    let entry = rooms.get(docId);
    if (!entry) {
      const room = new Room(docId, deps);
      const created: { room: Room; refs: number; ready: Promise<void>; loaded: boolean } = {
        room,
        refs: 0,
        ready: room.load().then(() => {
          created.loaded = true;
        }),
        loaded: false,
      };
      entry = created;
      rooms.set(docId, entry);
      entry.ready.catch(() => rooms.get(docId) === entry && rooms.delete(docId));
    }
    entry.refs++;
    try {
      await entry.ready;
    } catch (err) {
      entry.refs--;
      throw err;
    }
    return entry.room;
  }

  /** Last one out compacts and unloads the room. */
  function release(docId: string): void {
    const entry = rooms.get(docId);
    if (!entry || --entry.refs > 0 || closing) return;
    rooms.delete(docId);
    const done = (async () => {
      await entry.room.settle();
      await entry.room.compact();
      await entry.room.destroy();
    })()
      .catch((err) => logger.warn({ err: (err as Error).message, docId }, 'unload failed'))
      .finally(() => unloading.delete(docId));
    unloading.set(docId, done);
  }

  function reject(socket: Duplex, status: number, text: string): void {
    counters.refusedUpgrades++;
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    try {
      const match = PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (!match || closing) return reject(socket, 404, 'Not Found');
      const docId = match[1];
      const user = await opts.authenticate(req);
      if (!user) return reject(socket, 401, 'Unauthorized');
      const role = await opts.authorize(user.userId, docId);
      if (!role) return reject(socket, 403, 'Forbidden');
      const room = await acquire(docId);
      if (socket.destroyed) return release(docId);
      wss.handleUpgrade(req, socket, head, (ws) => connect(ws, room, user, role));
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'upgrade failed');
      reject(socket, 500, 'Internal Server Error');
    }
  }

  function connect(ws: WebSocket, room: Room, user: CollabUser, role: Role): void {
    const conn = new Conn(ws, user, role, { perSec: limits.messagesPerSec, burst: limits.messageBurst });
    counters.connections++;
    room.join(conn);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (conn.closed) return;
      if (!isBinary && data.length === 0) return;
      if (!conn.bucket.take()) return conn.close('rateLimited');
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (bytes[0] === MSG.awareness) {
        try {
          room.handlePresence(conn, bytes);
        } catch (err) {
          fail(err);
        }
        return;
      }
      if (++conn.queued > limits.maxQueued) return conn.close('backlog');
      let finish: () => Promise<void>;
      try {
        finish = room.accept(conn, bytes); // an update starts committing now
      } catch (err) {
        conn.queued--;
        return fail(err);
      }
      // finished in arrival order; a committed update is applied even if the connection closed meanwhile
      conn.chain = conn.chain
        .then(finish)
        .catch(fail)
        .finally(() => conn.queued--);
    });
    function fail(err: unknown): void {
      if (err instanceof MalformedError) {
        counters.malformed++;
        logger.warn({ userId: conn.userId, docId: room.docId, err: err.message }, 'malformed message');
        conn.close('malformed');
      } else {
        logger.error({ err: (err as Error).message, docId: room.docId }, 'message handling failed');
        conn.close('storage');
      }
    }
    ws.on('error', (err) => logger.warn({ err: err.message, docId: room.docId }, 'socket error'));
    ws.on('close', () => {
      conn.closed = true;
      counters.connections--;
      room.leave(conn);
      void conn.chain.finally(() => release(room.docId));
    });
  }

  const authTimer = setInterval(() => void recheckAccess(), limits.authRecheckMs);
  authTimer.unref();
  const resyncTimer = fanout
    ? setInterval(() => {
        for (const { room } of rooms.values()) void room.resync();
      }, limits.resyncIntervalMs)
    : null;
  resyncTimer?.unref();

  /** Revoked access closes the connection; a changed role applies to the next message. */
  async function recheckAccess(): Promise<void> {
    for (const { room } of rooms.values()) {
      const byUser = new Map<string, Conn[]>();
      for (const c of room.conns) byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), c]);
      for (const [userId, conns] of byUser) {
        let role: Role | null;
        try {
          role = await opts.authorize(userId, room.docId);
        } catch (err) {
          logger.warn({ err: (err as Error).message }, 'authorization re-check failed');
          continue;
        }
        for (const c of conns) {
          if (role === null || (c.stillValid && !(await c.stillValid().catch(() => true))))
            c.close('forbidden');
          else c.role = role;
        }
      }
    }
  }

  /** Runs `fn` on a copy of the document and commits the resulting update like a client edit. */
  async function applyServerUpdate(
    workflowId: string,
    fn: (doc: Y.Doc) => void,
    meta: { userId: string | null } = { userId: null },
  ): Promise<{ seq: number | null }> {
    const room = await acquire(workflowId);
    try {
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc));
      const parts: Uint8Array[] = [];
      scratch.on('update', (u: Uint8Array) => parts.push(u));
      fn(scratch);
      scratch.destroy();
      if (parts.length === 0) return { seq: null };
      const update = Y.mergeUpdates(parts);
      if (!room.fits(update.byteLength)) throw new Error('document size limit reached');
      const seq = await opts.store.appendUpdate(workflowId, update, meta);
      room.commit(update, seq, null);
      return { seq };
    } finally {
      release(workflowId);
    }
  }

  /** The current draft as workflow JSON, from the live document or the store; null if it was never written. */
  async function readDraft(workflowId: string): Promise<WorkflowJson | null> {
    const room = await acquire(workflowId);
    try {
      if (room.doc.getMap('meta').size === 0 && room.doc.getMap('nodes').size === 0) return null;
      return docToWorkflow(room.doc);
    } finally {
      release(workflowId);
    }
  }

  return {
    handleUpgrade,
    applyServerUpdate,
    readDraft,
    /**
     * The shape the api's drafts module takes: `read` gives the open (fully loaded) document or null,
     * `apply` commits a change through the pipeline (loading the document if needed) and returns true.
     */
    liveDocuments: () => ({
      read: async (workflowId: string): Promise<Y.Doc | null> => {
        const entry = rooms.get(workflowId);
        return entry?.loaded ? entry.room.doc : null;
      },
      apply: async (workflowId: string, change: (doc: Y.Doc) => void, userId: string): Promise<boolean> => {
        await applyServerUpdate(workflowId, change, { userId });
        return true;
      },
    }),
    /** Counters for health checks and benchmarks. */
    stats() {
      return { rooms: rooms.size, ...counters, ...roomStats };
    },
    /** Closes every connection. `compact: false` simulates a crash (nothing flushed; the log is already durable). */
    async close({ compact = true }: { compact?: boolean } = {}): Promise<void> {
      closing = true;
      clearInterval(authTimer);
      if (resyncTimer) clearInterval(resyncTimer);
      for (const { room } of rooms.values()) {
        for (const c of room.conns) compact ? c.close('shutdown') : c.ws.terminate();
      }
      for (const [, { room, ready }] of rooms) {
        await ready.catch(() => {});
        await room.settle();
        if (compact) await room.compact();
        await room.destroy();
      }
      rooms.clear();
      await Promise.allSettled(unloading.values());
      wss.close();
      await fanout?.close();
    },
    /** Rooms loaded on this instance (tests, diagnostics). */
    room: (workflowId: string) => rooms.get(workflowId)?.room,
    closeCodes: CLOSE,
  };
}
