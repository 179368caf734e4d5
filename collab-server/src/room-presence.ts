import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { bindAwareness, decodeAwareness } from './awareness-guard.ts';
import { binaryFrame, type Conn } from './connection.ts';
import { REMOTE_ORIGIN } from './origins.ts';
import { PresenceBatcher } from './presence.ts';
import { awarenessMessage } from './protocol.ts';
import type { RoomDeps } from './room-deps.ts';

/**
 * The presence of one room: the awareness states of every instance's clients, which client ids each local
 * connection speaks for, and their coalesced sending (presence.ts) to local sockets and other instances.
 */
export class RoomPresence {
  readonly awareness: Awareness;
  private readonly conns: ReadonlySet<Conn>;
  private readonly batcher: PresenceBatcher;
  /** Client ids some local connection speaks for. */
  private readonly owners = new Set<number>();
  /** Absent without a fan-out. */
  private readonly publish: ((update: Uint8Array) => void) | undefined;

  constructor(docId: string, conns: ReadonlySet<Conn>, deps: RoomDeps) {
    this.conns = conns;
    // the awareness only needs a client id (the server is not a participant): a placeholder doc lets the real
    // one hibernate
    this.awareness = new Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.publish = deps.fanout
      ? (u) => deps.fanout?.publish(docId, { kind: 'awareness', update: u })
      : undefined;
    this.batcher = new PresenceBatcher(
      this.awareness,
      {
        sendLocal: (m) => {
          // framed once for every peer
          const frame = binaryFrame(m);
          for (const c of this.conns) c.sendFramed(frame, m);
        },
        publish: this.publish,
      },
      deps.limits.presenceIntervalMs,
      () => Math.max(this.conns.size, this.awareness.states.size),
    );
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const local = origin !== REMOTE_ORIGIN && origin !== 'timeout';
      this.batcher.add([...added, ...updated, ...removed], local);
    });
  }

  /** Sends everyone's presence to a new connection, if anyone is present. */
  greet(conn: Conn): void {
    if (this.awareness.states.size > 0) this.sendAll(conn);
  }

  /** Sends everyone's presence to one connection. */
  sendAll(conn: Conn): void {
    conn.send(awarenessMessage(encodeAwarenessUpdate(this.awareness, [...this.awareness.states.keys()])));
  }

  /** Removes a leaving connection's presence. */
  leave(conn: Conn): void {
    for (const id of conn.clientIds) this.owners.delete(id);
    if (conn.clientIds.size) removeAwarenessStates(this.awareness, [...conn.clientIds], 'close');
  }

  /** An awareness update a local connection sent. Throws on malformed bytes. */
  receive(conn: Conn, update: Uint8Array): void {
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
    if (changed.length) this.batcher.add(changed, true);
  }

  /** An awareness update another instance published. */
  receiveRemote(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
  }

  /** Answers another instance's query: publishes the presence of the local connections' clients. */
  publishLocal(): void {
    const mine = [...this.conns]
      .flatMap((c) => [...c.clientIds])
      .filter((id) => this.awareness.states.has(id));
    if (mine.length) this.publish?.(encodeAwarenessUpdate(this.awareness, mine));
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

  /** Stops sending (pending changes are dropped). */
  stop(): void {
    this.batcher.stop();
  }

  destroy(): void {
    this.awareness.destroy();
  }
}
