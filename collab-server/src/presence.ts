import { presenceInterval } from '@tandem/shared/doc';
import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { awarenessMessage } from './protocol.ts';

/** Where presence goes: local sockets, and (for entries of local connections) the other instances. */
export type PresenceSinks = {
  sendLocal(message: Uint8Array): void;
  /** Absent without a fan-out (a single instance): nothing is encoded for it then. */
  publish?(update: Uint8Array): void;
};

/**
 * Coalesces awareness changes: one presence message per interval per document, carrying only the latest state
 * of each changed client. The interval is `intervalMs` (50 ms: 20 Hz) for up to 25 people present (local
 * sockets or states from every instance, whichever is more) and grows in proportion beyond (50 people: 100 ms,
 * Liveblocks' default presence throttle), so what each client receives and re-parses stays near 500 entries/s
 * however many join. It matters twice: a stock y-websocket client echoes every presence message it receives
 * back to the server. Edits never wait for it (they are sent as they come); a socket that is backed up skips
 * presence (see the room's `sendLocal`), since a newer one follows anyway.
 */
export class PresenceBatcher {
  private readonly local = new Set<number>();
  private readonly remote = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private readonly awareness: Awareness;
  private readonly sinks: PresenceSinks;
  private readonly intervalMs: number;
  private readonly peers: () => number;

  constructor(awareness: Awareness, sinks: PresenceSinks, intervalMs: number, peers: () => number = () => 0) {
    this.awareness = awareness;
    this.sinks = sinks;
    this.intervalMs = intervalMs;
    this.peers = peers;
  }

  /** The current interval between two presence messages. */
  interval(): number {
    return presenceInterval(this.intervalMs, this.peers());
  }

  /** Records changed clients; `fromLocal` entries are also published to the other instances. */
  add(clients: number[], fromLocal: boolean): void {
    for (const c of clients) (fromLocal ? this.local : this.remote).add(c);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.interval());
  }

  /** Sends what is pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.local.size === 0 && this.remote.size === 0) return;
    const all = this.remote.size ? [...new Set([...this.local, ...this.remote])] : [...this.local];
    const update = encodeAwarenessUpdate(this.awareness, all);
    this.sinks.sendLocal(awarenessMessage(update));
    // only local entries are published; when nothing came from other instances that is the same update
    if (this.local.size && this.sinks.publish)
      this.sinks.publish(this.remote.size ? encodeAwarenessUpdate(this.awareness, [...this.local]) : update);
    this.local.clear();
    this.remote.clear();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
