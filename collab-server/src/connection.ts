import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { CLOSE, type CloseKind } from './protocol.ts';
import { tokenBucket } from './rate-limit.ts';

export type Role = 'owner' | 'editor' | 'viewer';

/** Commits one connection may have in flight at once. */
export const MAX_COMMITTING = 4;

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
  /** The finishing steps of this connection's messages, in arrival order (see Room.accept). */
  chain: Promise<void> = Promise.resolve();
  /** The commits this connection started last (at most MAX_COMMITTING), oldest first. */
  private committing: Promise<unknown>[] = [];
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

  /**
   * Starts `append` now, or once the commit MAX_COMMITTING places earlier has settled: one connection can have
   * only a few commits in flight, so a flooding client cannot take over the database pool. The returned promise
   * never rejects unhandled: its rejection is for the caller's step, which may await it later.
   */
  appendInOrder<T>(append: () => Promise<T>): Promise<T> {
    const gate = this.committing.length >= MAX_COMMITTING ? this.committing.shift() : undefined;
    const started = gate ? gate.then(append, append) : append();
    const settled = started.then(
      () => {},
      () => {},
    );
    this.committing.push(settled);
    return started;
  }

  get canWrite(): boolean {
    return this.role === 'owner' || this.role === 'editor';
  }

  /** Sends unless the socket is closing. */
  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(message);
  }

  /**
   * Sends presence already framed by `binaryFrame` (one frame for every peer) straight to the socket, skipping
   * `ws`'s per-send framing; falls back to `send` whenever `ws` could have something queued (a pending Blob or
   * compression: Tandem sends neither). Skipped when the socket is backed up (stale presence: a newer one follows).
   */
  sendFramed(frame: Buffer, payload: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > 256 * 1024) return;
    const internals = this.ws as unknown as { _socket?: Socket; _sender?: { _state?: number } };
    if (internals._socket && internals._sender?._state === 0) internals._socket.write(frame);
    else this.ws.send(payload);
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

/** A final, unmasked binary WebSocket frame (server → client) carrying `payload`. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + n);
  out[0] = 0x82;
  if (n < 126) out[1] = n;
  else if (n < 65536) {
    out[1] = 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 127;
    out.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    out.writeUInt32BE(n >>> 0, 6);
  }
  out.set(payload, head);
  return out;
}
