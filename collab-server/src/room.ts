import * as decoding from 'lib0/decoding';
import type { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { Compactor } from './compactor.ts';
import type { Conn } from './connection.ts';
import { DocHolder } from './doc-holder.ts';
import type { FanoutMessage } from './fanout.ts';
import { MalformedError, malformed, step } from './message-step.ts';
import { REMOTE_ORIGIN } from './origins.ts';
import { MSG, syncStep1Message, syncUpdateMessage } from './protocol.ts';
import type { RoomDeps } from './room-deps.ts';
import { RoomPresence } from './room-presence.ts';
import { UpdatePipeline } from './update-pipeline.ts';

export { MalformedError } from './message-step.ts';
export type { Limits, RoomDeps, RoomStats } from './room-deps.ts';

/**
 * One loaded document: routes its local connections' messages and the other instances' fan-out to its parts
 * (the document live or dormant, the update pipeline, presence, compaction), loads and resyncs it from the store.
 */
export class Room {
  readonly docId: string;
  readonly conns = new Set<Conn>();
  private readonly deps: RoomDeps;
  private readonly holder: DocHolder;
  private readonly presence: RoomPresence;
  private readonly compactor: Compactor;
  private readonly updates: UpdatePipeline;
  private resyncing: Promise<void> | null = null;
  /** The last update counter seen from each other instance (a hole means lost messages). */
  private readonly lastCounter = new Map<string, number>();
  private readonly idleTimer: NodeJS.Timeout | null = null;

  constructor(docId: string, deps: RoomDeps) {
    this.docId = docId;
    this.deps = deps;
    this.presence = new RoomPresence(docId, this.conns, deps);
    this.holder = new DocHolder({
      docId,
      logger: deps.logger,
      hibernateAfterMs: deps.limits.hibernateAfterMs,
      onChange: (update, origin) => {
        const message = syncUpdateMessage(update);
        for (const c of this.conns) if (c !== origin) c.send(message);
      },
      onStaleWake: () => void this.resync(),
    });
    this.compactor = new Compactor(docId, deps, this.holder);
    this.updates = new UpdatePipeline(docId, deps, this.holder, this.compactor);
    const idleMs = deps.limits.hibernateAfterMs;
    if (idleMs > 0) {
      this.idleTimer = setInterval(() => this.hibernateIfIdle(), Math.max(10, idleMs / 2));
      this.idleTimer.unref();
    }
  }

  /** Everyone's presence in this document. */
  get awareness(): Awareness {
    return this.presence.awareness;
  }

  /** The live document (rebuilt from the encoded state if the room hibernated). */
  get doc(): Y.Doc {
    return this.holder.doc;
  }

  /** Whether the room holds only its encoded state right now. */
  get hibernating(): boolean {
    return this.holder.hibernating;
  }

  /** Drops the Y.Doc of a room whose document was not used for `hibernateAfterMs`. */
  hibernateIfIdle(now = Date.now()): void {
    this.holder.hibernateIfIdle(now, this.compactor.running !== null || this.resyncing !== null);
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
    const dormant =
      lazy && loaded.snapshot && loaded.updates.length === 0 && this.holder.startDormant(loaded.snapshot);
    if (!dormant) this.holder.applyStored(loaded);
    this.holder.approxBytes = this.compactor.measure(loaded);
  }

  /** Re-reads the document from the store (after a fan-out gap or a Redis outage); local clients get the difference. */
  resync(): Promise<void> {
    if (this.holder.deferResync()) return Promise.resolve();
    if (!this.resyncing) this.deps.stats.resyncs++;
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
    conn.send(syncStep1Message(this.holder.stateVector()));
    this.presence.greet(conn);
  }

  /** Removes a connection and its presence. */
  leave(conn: Conn): void {
    this.conns.delete(conn);
    this.presence.leave(conn);
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
          // sync step 2 for this peer only; never broadcast
          if (sub === syncProtocol.messageYjsSyncStep1)
            return step(() => conn.send(this.holder.step2Reply(payload)));
          if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
            return this.updates.begin(conn, payload);
          }
          throw new MalformedError(`unknown sync message ${sub}`);
        }
        case MSG.awareness: {
          const update = decoding.readVarUint8Array(d);
          return step(() => this.presence.receive(conn, update));
        }
        case MSG.queryAwareness:
          return step(() => this.presence.sendAll(conn));
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
      this.presence.receive(conn, decoding.readVarUint8Array(d));
    } catch (err) {
      throw malformed(err);
    }
  }

  /** Applies an update that is already durable, to local clients and other instances. */
  commit(update: Uint8Array, seq: number, origin: Conn | null): void {
    this.updates.commit(update, seq, origin);
  }

  /** Size check for server-side edits (REST). */
  fits(bytes: number): boolean {
    return this.updates.fits(bytes);
  }

  /** Folds the log into a snapshot (see compactor.ts). */
  compact(): Promise<void> {
    return this.compactor.compact();
  }

  private onFanout(m: FanoutMessage): void {
    try {
      if (m.kind === 'update') {
        const last = this.lastCounter.get(m.from);
        this.lastCounter.set(m.from, m.counter);
        Y.applyUpdate(this.holder.doc, m.update, REMOTE_ORIGIN);
        this.holder.approxBytes += m.update.byteLength;
        if (last !== undefined && m.counter !== last + 1) void this.resync();
      } else if (m.kind === 'awareness') {
        this.presence.receiveRemote(m.update);
      } else {
        this.presence.publishLocal();
      }
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message, docId: this.docId }, 'bad fan-out message');
    }
  }

  /** Waits for background work (compaction, resync) to settle. */
  async settle(): Promise<void> {
    await Promise.all([this.compactor.running, this.resyncing]);
  }

  async destroy(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.presence.stop();
    await this.deps.fanout?.unsubscribe(this.docId);
    this.presence.destroy();
    this.holder.destroy();
  }
}
