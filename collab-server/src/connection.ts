import type { WebSocket } from 'ws';
import { CLOSE, type CloseKind } from './protocol.ts';
import { tokenBucket } from './rate-limit.ts';

export type Role = 'owner' | 'editor' | 'viewer';

/** Authenticated connection context, carried from the upgrade. */
export class Conn {
  static nextId = 1;
  readonly id = Conn.nextId++;
  readonly ws: WebSocket;
  readonly userId: string;
  readonly name: string;
  role: Role;
  /** Awareness client ids this connection speaks for (bound on first use). */
  readonly clientIds = new Set<number>();
  /** Sync update / step-2 messages received (the durable ack echoes this count). */
  received = 0;
  /** Messages waiting in `chain`. */
  queued = 0;
  chain: Promise<void> = Promise.resolve();
  closed = false;
  readonly bucket: ReturnType<typeof tokenBucket>;

  /** The credential behind the socket (session, token) is still good; see CollabUser.stillValid. */
  readonly stillValid?: () => Promise<boolean>;

  constructor(
    ws: WebSocket,
    user: { userId: string; name: string; stillValid?: () => Promise<boolean> },
    role: Role,
    rate: { perSec: number; burst: number },
  ) {
    this.ws = ws;
    this.userId = user.userId;
    this.name = user.name;
    this.stillValid = user.stillValid;
    this.role = role;
    this.bucket = tokenBucket(rate.perSec, rate.burst);
  }

  get canWrite(): boolean {
    return this.role === 'owner' || this.role === 'editor';
  }

  /** Sends unless the socket is closing. `droppable` messages (presence) are skipped when the socket is backed up. */
  send(message: Uint8Array, droppable = false): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (droppable && this.ws.bufferedAmount > 256 * 1024) return;
    this.ws.send(message);
  }

  close(kind: CloseKind): void {
    if (this.closed) return;
    this.closed = true;
    const { code, reason } = CLOSE[kind];
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    // a peer that ignores the close handshake must not hold the socket (and its room) forever
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }
}
