import * as Y from 'yjs';
import type { Compactor } from './compactor.ts';
import type { Conn } from './connection.ts';
import type { DocHolder } from './doc-holder.ts';
import { MalformedError, step } from './message-step.ts';
import { STORE_ORIGIN } from './origins.ts';
import { durableMessage, refusedMessage } from './protocol.ts';
import type { RoomDeps } from './room-deps.ts';
import { updateEffect } from './update-check.ts';

/**
 * The durability pipeline of a room's updates: check → append (started now) → [in the connection's order:]
 * committed → publish → apply (the document broadcasts it) → ack. See ARCHITECTURE.md.
 */
export class UpdatePipeline {
  private readonly docId: string;
  private readonly deps: RoomDeps;
  private readonly holder: DocHolder;
  private readonly compactor: Compactor;
  /** Bytes of updates whose commit has started but not yet been applied (size limit). */
  private committingBytes = 0;

  constructor(docId: string, deps: RoomDeps, holder: DocHolder, compactor: Compactor) {
    this.docId = docId;
    this.deps = deps;
    this.holder = holder;
    this.compactor = compactor;
  }

  /**
   * Checks an update a connection sent and starts its commit; the returned step finishes it. Whether the update
   * is new is judged against the document without this connection's updates still committing; that only lets a
   * repeated update be stored twice, which Yjs applies idempotently.
   */
  begin(conn: Conn, update: Uint8Array): () => Promise<void> {
    const count = ++conn.received;
    const effect = updateEffect(update, Y.decodeStateVector(this.holder.stateVector()), () =>
      this.holder.deleteSet(),
    );
    if (effect !== 'new') return step(() => conn.send(durableMessage(count, new Uint8Array([0]))));
    if (!conn.canWrite) {
      return step(() => this.refuse(conn, 'read-only', 'viewers cannot edit this workflow'));
    }
    if (this.holder.approxBytes + this.committingBytes + update.byteLength > this.deps.limits.maxDocBytes) {
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
      Y.applyUpdate(this.holder.doc, update, origin ?? STORE_ORIGIN);
    } catch (err) {
      throw new MalformedError(`update does not apply: ${(err as Error).message}`);
    }
    this.holder.approxBytes += update.byteLength;
    this.deps.stats.updatesAccepted++;
    this.deps.stats.bytesReceived += update.byteLength;
    this.compactor.appended(update.byteLength);
  }

  /** Size check for server-side edits (REST). */
  fits(bytes: number): boolean {
    return this.holder.approxBytes + bytes <= this.deps.limits.maxDocBytes;
  }

  private refuse(conn: Conn, code: Parameters<typeof refusedMessage>[0], message: string): void {
    this.deps.stats.refused++;
    conn.send(refusedMessage(code, message));
  }
}
