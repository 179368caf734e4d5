import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { awarenessMessage } from './protocol.ts';

/** Where presence goes: local sockets, and (for entries of local connections) the other instances. */
export type PresenceSinks = {
  sendLocal(message: Uint8Array): void;
  publish(update: Uint8Array): void;
};

/**
 * Coalesces awareness changes: at most one presence message per `intervalMs` per document, carrying only the
 * latest state of each changed client. Edits never wait for it (they are sent as they come); a socket that
 * is backed up skips presence (see the room's `sendLocal`), since a newer one follows anyway.
 */
export class PresenceBatcher {
  private readonly local = new Set<number>();
  private readonly remote = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private readonly awareness: Awareness;
  private readonly sinks: PresenceSinks;
  private readonly intervalMs: number;

  constructor(awareness: Awareness, sinks: PresenceSinks, intervalMs: number) {
    this.awareness = awareness;
    this.sinks = sinks;
    this.intervalMs = intervalMs;
  }

  /** Records changed clients; `fromLocal` entries are also published to the other instances. */
  add(clients: number[], fromLocal: boolean): void {
    for (const c of clients) (fromLocal ? this.local : this.remote).add(c);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends what is pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.local.size === 0 && this.remote.size === 0) return;
    const all = [...new Set([...this.local, ...this.remote])];
    this.sinks.sendLocal(awarenessMessage(encodeAwarenessUpdate(this.awareness, all)));
    if (this.local.size) this.sinks.publish(encodeAwarenessUpdate(this.awareness, [...this.local]));
    this.local.clear();
    this.remote.clear();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
