/** The state vector of a peer with an empty document: every fresh joiner sends it. */
const EMPTY_SV = '\u0000';
/** Longer state vectors (hundreds of client ids) are answered without sharing. */
const MAX_SHARED_SV_BYTES = 4096;
/** A diff for a reconnecting peer is shared when small (it lacks little): bounds the memory to ~1 MB a room. */
const MAX_SHARED_DIFF_BYTES = 64 * 1024;
const MAX_SHARED_DIFFS = 16;

/**
 * The sync step 2 replies of one document state, by the state vector the peer sent. Peers in the same state get
 * the same bytes: every fresh joiner (the full state), and reconnecting clients after a restart or a network blip
 * (all caught up to the same point, so the same state vector and the same small diff, which costs a parse of the
 * whole encoded state when the room is dormant). Cleared on every document change.
 */
export class SyncReplies {
  private readonly byVector = new Map<string, Uint8Array>();

  /** The cached reply for `sv`, or `compute()`'s, kept for the next peers in the same state when it may be. */
  get(sv: Uint8Array, compute: () => Uint8Array): Uint8Array {
    const key = sv.byteLength <= MAX_SHARED_SV_BYTES ? vectorKey(sv) : null;
    const cached = key === null ? undefined : this.byVector.get(key);
    if (cached) return cached;
    const reply = compute();
    if (key === EMPTY_SV) this.byVector.set(key, reply);
    else if (
      key !== null &&
      reply.byteLength <= MAX_SHARED_DIFF_BYTES &&
      this.byVector.size < MAX_SHARED_DIFFS
    ) {
      this.byVector.set(key, reply);
    }
    return reply;
  }

  /** The reply to an empty state vector (the full state), if computed for the current state. */
  full(): Uint8Array | null {
    return this.byVector.get(EMPTY_SV) ?? null;
  }

  setFull(reply: Uint8Array): void {
    this.byVector.set(EMPTY_SV, reply);
  }

  clear(): void {
    this.byVector.clear();
  }
}

/** The state vector's bytes as a map key (a latin1 view: no copy, one char per byte). */
function vectorKey(sv: Uint8Array): string {
  return Buffer.from(sv.buffer, sv.byteOffset, sv.byteLength).toString('latin1');
}
