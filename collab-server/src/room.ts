import * as decoding from 'lib0/decoding';
import type { Logger } from 'pino';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { bindAwareness, decodeAwareness } from './awareness-guard.ts';
import { binaryFrame, type Conn } from './connection.ts';
import { type Dormant, dormantDiff, dormantStateVector, dormantUpdate, toDormant } from './dormant.ts';
import type { Fanout, FanoutMessage } from './fanout.ts';
import { PresenceBatcher } from './presence.ts';
import {
  awarenessMessage,
  durableMessage,
  MSG,
  refusedMessage,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
} from './protocol.ts';
import type { DocumentStore } from './store.ts';
import { SyncReplies } from './sync-replies.ts';
import { docDeleteSet, updateEffect } from './update-check.ts';

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

/** A message the protocol does not allow: the connection that sent it is closed. */
export class MalformedError extends Error {}

function malformed(err: unknown): MalformedError {
  return err instanceof MalformedError ? err : new MalformedError((err as Error).message);
}

/** A step run later in the connection's order; whatever it throws is a protocol violation. */
function step(fn: () => void): () => Promise<void> {
  return async () => {
    try {
      fn();
    } catch (err) {
      throw malformed(err);
    }
  };
}

/** Transaction origins of changes that do not come from a local connection. */
export const STORE_ORIGIN = Symbol('store');
export const REMOTE_ORIGIN = Symbol('remote');

/** One loaded document: the Y.Doc, its presence, its local connections, its durability pipeline. */
export class Room {
  readonly docId: string;
  readonly awareness: Awareness;
  readonly conns = new Set<Conn>();
  private readonly deps: RoomDeps;
  private readonly presence: PresenceBatcher;
  private approxBytes = 0;
  /** Bytes of updates whose commit has started but not yet been applied (size limit). */
  private committingBytes = 0;
  /** Log bytes appended since the last compaction, and the snapshot size: decide when compacting pays off. */
  private tailBytes = 0;
  private tailRows = 0;
  private snapshotBytes = 0;
  /** Sync step 2 replies of the current document state, shared by peers in the same state. */
  private readonly replies = new SyncReplies();
  private lastReply = 0;
  private dsCache: ReturnType<typeof docDeleteSet> | null = null;
  private compacting: Promise<void> | null = null;
  private resyncing: Promise<void> | null = null;
  private readonly lastCounter = new Map<string, number>();
  /** Client ids some local connection speaks for. */
  private readonly owners = new Set<number>();
  private readonly stats: RoomStats;
  /** Exactly one of `live` and `dormant` is set (see dormant.ts). */
  private live: Y.Doc | null = null;
  private dormant: Dormant | null = null;
  private lastUse = Date.now();
  private readonly idleTimer: NodeJS.Timeout | null = null;

  constructor(docId: string, deps: RoomDeps) {
    this.docId = docId;
    this.deps = deps;
    this.stats = deps.stats;
    // the awareness only needs a client id (the server is not a participant): a placeholder doc lets the real
    // one hibernate
    this.awareness = new Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.presence = new PresenceBatcher(
      this.awareness,
      {
        sendLocal: (m) => {
          // framed once for every peer
          const frame = binaryFrame(m);
          for (const c of this.conns) c.sendFramed(frame, m);
        },
        publish: deps.fanout
          ? (u) => deps.fanout?.publish(docId, { kind: 'awareness', update: u })
          : undefined,
      },
      deps.limits.presenceIntervalMs,
      () => Math.max(this.conns.size, this.awareness.states.size),
    );
    this.live = this.listen(new Y.Doc());
    const idleMs = deps.limits.hibernateAfterMs;
    if (idleMs > 0) {
      this.idleTimer = setInterval(() => this.hibernateIfIdle(), Math.max(10, idleMs / 2));
      this.idleTimer.unref();
    }
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const local = origin !== REMOTE_ORIGIN && origin !== 'timeout';
      this.presence.add([...added, ...updated, ...removed], local);
    });
  }

  /** The live document (rebuilt from the encoded state if the room hibernated). */
  get doc(): Y.Doc {
    this.lastUse = Date.now();
    return this.live ?? this.wake();
  }

  /** Whether the room holds only its encoded state right now. */
  get hibernating(): boolean {
    return this.dormant !== null;
  }

  private listen(doc: Y.Doc): Y.Doc {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.replies.clear();
      this.dsCache = null;
      const message = syncUpdateMessage(update);
      for (const c of this.conns) if (c !== origin) c.send(message);
    });
    return doc;
  }

  private wake(): Y.Doc {
    const dormant = this.dormant;
    const live = new Y.Doc();
    // rebuilt before listening: nothing changed, nothing to broadcast
    if (dormant) this.applySafely(dormantUpdate(dormant), 'dormant state', live);
    this.live = this.listen(live);
    this.dormant = null;
    if (dormant) this.replies.setFull(dormant.step2); // same state: the replies shared while dormant stay valid
    if (dormant?.stale) void this.resync();
    return live;
  }

  private startDormant(snapshot: Uint8Array): boolean {
    const live = this.live;
    // a fan-out update may have arrived between subscribing and loading: then the live doc is the truth
    if (!live || this.deps.limits.hibernateAfterMs <= 0) return false;
    if (live.store.clients.size || live.store.pendingStructs || live.store.pendingDs) return false;
    this.dormant = { step2: syncStep2Message(snapshot), stateVector: null, stale: false };
    live.destroy();
    this.live = null;
    return true;
  }

  /** Drops the Y.Doc of a room whose document was not used for `hibernateAfterMs`. */
  hibernateIfIdle(now = Date.now()): void {
    // an idle room keeps only its encoded state (the full-state reply lives on in `dormant.step2`)
    if (!this.live && now - this.lastReply >= this.deps.limits.hibernateAfterMs) this.replies.clear();
    if (!this.live || this.compacting || this.resyncing) return;
    if (now - this.lastUse < this.deps.limits.hibernateAfterMs) return;
    this.dormant = toDormant(this.live, this.replies.full());
    this.live.destroy();
    this.live = null;
    this.replies.clear();
    this.dsCache = null;
  }

  private stateVector(): Uint8Array {
    if (this.dormant) {
      try {
        return dormantStateVector(this.dormant);
      } catch {
        // unreadable encoded state: waking logs it and skips it (applySafely)
      }
    }
    return Y.encodeStateVector(this.live ?? this.doc);
  }

  /** Subscribes to fan-out first, then loads snapshot + tail, so no update can fall in between. */
  async load(): Promise<void> {
    await this.deps.fanout?.subscribe(this.docId, (m) => this.onFanout(m));
    await this.applyStored(true);
    this.deps.fanout?.publish(this.docId, { kind: 'query' });
  }

  /**
   * `lazy`: a document stored as a snapshot alone starts dormant (see dormant.ts): the snapshot is already the
   * full state a joiner needs, so 200 people opening a big document cost no Y.Doc and no encoding at all.
   */
  private async applyStored(lazy = false): Promise<void> {
    const loaded = await this.deps.store.loadDocument(this.docId);
    let bytes = loaded.snapshot?.byteLength ?? 0;
    if (lazy && loaded.snapshot && loaded.updates.length === 0 && this.startDormant(loaded.snapshot)) {
      this.approxBytes = this.snapshotBytes = bytes;
      this.tailBytes = this.tailRows = 0;
      return;
    }
    this.doc.transact(() => {
      if (loaded.snapshot) this.applySafely(loaded.snapshot, 'snapshot');
      for (const u of loaded.updates) {
        this.applySafely(u.update, `seq ${u.seq}`);
        bytes += u.update.byteLength;
      }
    }, STORE_ORIGIN);
    this.approxBytes = bytes;
    this.snapshotBytes = loaded.snapshot?.byteLength ?? 0;
    this.tailBytes = bytes - this.snapshotBytes;
    this.tailRows = loaded.updates.length;
  }

  /**
   * An update that decodes but fails to integrate (crafted by a hostile client) must not make the document
   * unloadable: it is logged and skipped.
   */
  private applySafely(update: Uint8Array, what: string, doc = this.doc): boolean {
    try {
      Y.applyUpdate(doc, update, STORE_ORIGIN);
      return true;
    } catch (err) {
      this.deps.logger.error(
        { err: (err as Error).message, docId: this.docId, what },
        'stored update does not apply',
      );
      return false;
    }
  }

  /** Re-reads the document from the store (after a fan-out gap or a Redis outage); local clients get the difference. */
  resync(): Promise<void> {
    if (this.dormant) {
      this.dormant.stale = true; // done when the room wakes: until then nobody changes it here
      this.replies.clear(); // the next joiner wakes it (no reply shared from the stale state)
      return Promise.resolve();
    }
    if (!this.resyncing) this.stats.resyncs++;
    this.resyncing ??= this.applyStored()
      .catch((err) =>
        this.deps.logger.warn({ err: (err as Error).message, docId: this.docId }, 'resync failed'),
      )
      .finally(() => {
        this.resyncing = null;
      });
    return this.resyncing;
  }

  /** Greets a new connection: our state vector (so it sends what we lack) and everyone's presence. */
  join(conn: Conn): void {
    this.conns.add(conn);
    conn.send(syncStep1Message(this.stateVector()));
    if (this.awareness.states.size > 0) {
      conn.send(awarenessMessage(encodeAwarenessUpdate(this.awareness, [...this.awareness.states.keys()])));
    }
  }

  /** Removes a connection and its presence. */
  leave(conn: Conn): void {
    this.conns.delete(conn);
    for (const id of conn.clientIds) this.owners.delete(id);
    if (conn.clientIds.size) removeAwarenessStates(this.awareness, [...conn.clientIds], 'close');
  }

  /** Handles one websocket message start to finish (tests; the server uses `accept`). Throws MalformedError. */
  async handle(conn: Conn, data: Uint8Array): Promise<void> {
    await this.accept(conn, data)();
  }

  /**
   * Takes one message of a connection's ordered stream. It is parsed (and an update checked, and its commit
   * started) at once; the returned step finishes it (apply, broadcast, ack or reply) and the caller runs these
   * steps in the connection's message order. So an edit that arrives while the previous one is still committing
   * does not wait for that commit before starting its own (the database groups both into one log flush), yet
   * nothing is applied, broadcast or acknowledged before its own commit and every earlier message's.
   * Throws MalformedError, now or from the step.
   */
  accept(conn: Conn, data: Uint8Array): () => Promise<void> {
    const d = decoding.createDecoder(data);
    try {
      const type = decoding.readVarUint(d);
      switch (type) {
        case MSG.sync: {
          const sub = decoding.readVarUint(d);
          const payload = decoding.readVarUint8Array(d);
          if (sub === syncProtocol.messageYjsSyncStep1) return step(() => this.replyStep1(conn, payload));
          if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
            return this.beginUpdate(conn, payload);
          }
          throw new MalformedError(`unknown sync message ${sub}`);
        }
        case MSG.awareness: {
          const update = decoding.readVarUint8Array(d);
          return step(() => this.receiveAwareness(conn, update));
        }
        case MSG.queryAwareness:
          return step(() =>
            conn.send(
              awarenessMessage(encodeAwarenessUpdate(this.awareness, [...this.awareness.states.keys()])),
            ),
          );
        case MSG.auth:
          return step(() => {});
        default:
          throw new MalformedError(`unknown message type ${type}`);
      }
    } catch (err) {
      throw malformed(err);
    }
  }

  /**
   * Handles an awareness message at once, outside the connection's message chain: presence never waits behind a
   * pending commit (and costs no promise). Throws MalformedError.
   */
  handlePresence(conn: Conn, data: Uint8Array): void {
    try {
      const d = decoding.createDecoder(data);
      if (decoding.readVarUint(d) !== MSG.awareness) throw new MalformedError('not an awareness message');
      this.receiveAwareness(conn, decoding.readVarUint8Array(d));
    } catch (err) {
      throw malformed(err);
    }
  }

  /**
   * Sync step 2 for one peer; never broadcast. Computed once per document state and state vector: every fresh
   * joiner gets the same bytes (`ws` sends them without copying), and so do reconnecting peers in the same state.
   */
  private replyStep1(conn: Conn, sv: Uint8Array): void {
    this.lastReply = Date.now();
    conn.send(this.replies.get(sv, () => this.step2For(sv)));
  }

  private step2For(sv: Uint8Array): Uint8Array {
    const empty = sv.length === 1 && sv[0] === 0;
    if (this.dormant && !this.dormant.stale)
      return empty ? this.dormant.step2 : dormantDiff(this.dormant, sv);
    return syncStep2Message(Y.encodeStateAsUpdate(this.doc, sv));
  }

  /**
   * The durability pipeline: check → append (started now) → [in order:] committed → apply → broadcast/publish →
   * ack. Whether the update is new is judged against the document without this connection's updates still
   * committing; that only lets a repeated update be stored twice, which Yjs applies idempotently.
   */
  private beginUpdate(conn: Conn, update: Uint8Array): () => Promise<void> {
    const count = ++conn.received;
    const effect = updateEffect(update, Y.decodeStateVector(this.stateVector()), () => {
      this.dsCache ??= docDeleteSet(this.doc);
      return this.dsCache;
    });
    if (effect !== 'new') return step(() => conn.send(durableMessage(count, new Uint8Array([0]))));
    if (!conn.canWrite) {
      return step(() => this.refuse(conn, 'read-only', 'viewers cannot edit this workflow'));
    }
    if (this.approxBytes + this.committingBytes + update.byteLength > this.deps.limits.maxDocBytes) {
      return step(() => this.refuse(conn, 'doc-too-large', 'the document reached its size limit'));
    }
    this.committingBytes += update.byteLength;
    const stored = conn.appendInOrder(() =>
      this.deps.store.appendUpdate(this.docId, update, { userId: conn.userId }),
    );
    return async () => {
      let seq: number;
      try {
        seq = await stored;
      } catch (err) {
        this.deps.logger.error({ err: (err as Error).message, docId: this.docId }, 'append failed');
        this.refuse(conn, 'storage-error', 'could not store the update; reconnecting resends it');
        conn.close('storage');
        return;
      } finally {
        this.committingBytes -= update.byteLength;
      }
      // stored: applied and broadcast even if the sender left meanwhile (nobody else has it yet)
      this.commit(update, seq, conn);
      conn.send(durableMessage(count, Y.encodeStateVectorFromUpdate(update)));
    };
  }

  /** Applies an update that is already durable, to local clients and other instances. */
  commit(update: Uint8Array, seq: number, origin: Conn | null): void {
    // published first: the other instances' clients are a Redis hop further away than the local ones
    this.deps.fanout?.publish(this.docId, { kind: 'update', seq, update });
    try {
      Y.applyUpdate(this.doc, update, origin ?? STORE_ORIGIN);
    } catch (err) {
      throw new MalformedError(`update does not apply: ${(err as Error).message}`);
    }
    this.approxBytes += update.byteLength;
    this.stats.updatesAccepted++;
    this.stats.bytesReceived += update.byteLength;
    this.tailBytes += update.byteLength;
    this.tailRows++;
    const { compactMinBytes, compactMaxRows } = this.deps.limits;
    if (
      (this.tailBytes >= compactMinBytes && this.tailBytes >= 2 * this.snapshotBytes) ||
      this.tailRows >= compactMaxRows
    ) {
      void this.compact();
    }
  }

  /** Size check for server-side edits (REST). */
  fits(bytes: number): boolean {
    return this.approxBytes + bytes <= this.deps.limits.maxDocBytes;
  }

  private refuse(conn: Conn, code: Parameters<typeof refusedMessage>[0], message: string): void {
    this.stats.refused++;
    conn.send(refusedMessage(code, message));
  }

  private receiveAwareness(conn: Conn, update: Uint8Array): void {
    // entries of other clients (stock clients echo them) and older states are skipped before their JSON is parsed
    const keep = (clientId: number, clock: number) =>
      this.mayUse(conn, clientId) && clock >= (this.awareness.meta.get(clientId)?.clock ?? 0);
    const entries = bindAwareness(decodeAwareness(update, keep), conn);
    // applied directly (same rules as y-protocols' applyAwarenessUpdate) to avoid re-encoding and re-parsing
    // every state: presence is the bulk of the traffic
    const changed: number[] = [];
    const now = Date.now();
    for (const { clientId, clock, state } of entries) {
      const current = this.awareness.meta.get(clientId)?.clock ?? 0;
      const removal = state === null && this.awareness.states.has(clientId);
      if (current < clock || (current === clock && removal)) {
        if (state === null) this.awareness.states.delete(clientId);
        else this.awareness.states.set(clientId, state);
        this.awareness.meta.set(clientId, { clock, lastUpdated: now });
        changed.push(clientId);
      }
    }
    if (changed.length) this.presence.add(changed, true);
  }

  /** A connection may speak for at most 3 client ids, none used by another connection or another user. */
  private mayUse(conn: Conn, clientId: number): boolean {
    if (conn.clientIds.has(clientId)) return true;
    if (conn.clientIds.size >= 3 || this.owners.has(clientId)) return false;
    const owner = this.awareness.states.get(clientId)?.user?.id;
    if (owner !== undefined && owner !== conn.userId) return false;
    conn.clientIds.add(clientId);
    this.owners.add(clientId);
    return true;
  }

  private onFanout(m: FanoutMessage): void {
    try {
      if (m.kind === 'update') {
        const last = this.lastCounter.get(m.from);
        this.lastCounter.set(m.from, m.counter);
        Y.applyUpdate(this.doc, m.update, REMOTE_ORIGIN);
        this.approxBytes += m.update.byteLength;
        if (last !== undefined && m.counter !== last + 1) void this.resync();
      } else if (m.kind === 'awareness') {
        applyAwarenessUpdate(this.awareness, m.update, REMOTE_ORIGIN);
      } else {
        const mine = [...this.conns]
          .flatMap((c) => [...c.clientIds])
          .filter((id) => this.awareness.states.has(id));
        if (mine.length) {
          const update = encodeAwarenessUpdate(this.awareness, mine);
          this.deps.fanout?.publish(this.docId, { kind: 'awareness', update });
        }
      }
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message, docId: this.docId }, 'bad fan-out message');
    }
  }

  /**
   * Folds the log into a snapshot. First re-reads snapshot + log and applies them, so the snapshot written
   * contains everything stored (a stale replica can never persist less), then deletes exactly the rows read.
   */
  compact(): Promise<void> {
    this.compacting ??= (async () => {
      try {
        const loaded = await this.deps.store.loadDocument(this.docId);
        const tail = loaded.updates.reduce((n, u) => n + u.update.byteLength, 0);
        const snapshotBytes = loaded.snapshot?.byteLength ?? 0;
        this.snapshotBytes = snapshotBytes;
        this.tailBytes = tail;
        this.tailRows = loaded.updates.length;
        // writing the snapshot costs its size: only when the log is at least twice that (≤ 1.5× bytes written overall)
        if (loaded.updates.length === 0) return;
        if (tail < 2 * snapshotBytes && loaded.updates.length < this.deps.limits.compactMaxRows) return;
        this.doc.transact(() => {
          if (loaded.snapshot) this.applySafely(loaded.snapshot, 'snapshot');
          for (const u of loaded.updates) this.applySafely(u.update, `seq ${u.seq}`);
        }, STORE_ORIGIN);
        const snapshot = Y.encodeStateAsUpdate(this.doc);
        const seqs = loaded.updates.map((u) => u.seq);
        const version = seqs.reduce((m, s) => Math.max(m, s), loaded.version + 1);
        const ok = await this.deps.store.compact(this.docId, {
          snapshot,
          expectedVersion: loaded.version,
          version,
          seqs,
        });
        if (ok) {
          this.approxBytes = snapshot.byteLength;
          this.snapshotBytes = snapshot.byteLength;
          this.tailBytes = 0;
          this.tailRows = 0;
        }
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message, docId: this.docId }, 'compaction failed');
      } finally {
        this.compacting = null;
      }
    })();
    return this.compacting;
  }

  /** Waits for background work (compaction, resync) to settle. */
  async settle(): Promise<void> {
    await Promise.all([this.compacting, this.resyncing]);
  }

  async destroy(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.presence.stop();
    await this.deps.fanout?.unsubscribe(this.docId);
    this.awareness.destroy();
    this.live?.destroy();
  }
}
