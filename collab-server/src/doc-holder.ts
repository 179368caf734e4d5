import type { Logger } from 'pino';
import * as Y from 'yjs';
import { type Dormant, dormantDiff, dormantStateVector, dormantUpdate, toDormant } from './dormant.ts';
import { STORE_ORIGIN } from './origins.ts';
import { syncStep2Message } from './protocol.ts';
import type { LoadedDocument } from './store.ts';
import { SyncReplies } from './sync-replies.ts';
import { docDeleteSet } from './update-check.ts';

export type DocHolderOptions = {
  docId: string;
  logger: Logger;
  hibernateAfterMs: number;
  /** The live document changed (`origin`: the transaction's). */
  onChange(update: Uint8Array, origin: unknown): void;
  /** The document woke with a resync pending (asked for while dormant). */
  onStaleWake(): void;
};

/**
 * A room's document, live (a Y.Doc) or dormant (its encoded state, see dormant.ts), and what is derived from its
 * current state: the sync step 2 replies shared by peers, the delete set, the approximate size.
 */
export class DocHolder {
  /** Approximate encoded size: what was loaded plus every update applied since (the size limit). */
  approxBytes = 0;
  private readonly opts: DocHolderOptions;
  /** Exactly one of `live` and `dormant` is set. */
  private live: Y.Doc | null = null;
  private dormant: Dormant | null = null;
  private lastUse = Date.now();
  /** Sync step 2 replies of the current document state, shared by peers in the same state. */
  private readonly replies = new SyncReplies();
  private lastReply = 0;
  private dsCache: ReturnType<typeof docDeleteSet> | null = null;

  constructor(opts: DocHolderOptions) {
    this.opts = opts;
    this.live = this.listen(new Y.Doc());
  }

  /** The live document (rebuilt from the encoded state if it hibernated). */
  get doc(): Y.Doc {
    this.lastUse = Date.now();
    return this.live ?? this.wake();
  }

  /** Whether only the encoded state is held right now. */
  get hibernating(): boolean {
    return this.dormant !== null;
  }

  private listen(doc: Y.Doc): Y.Doc {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.replies.clear();
      this.dsCache = null;
      this.opts.onChange(update, origin);
    });
    return doc;
  }

  private wake(): Y.Doc {
    const dormant = this.dormant;
    const live = new Y.Doc();
    // rebuilt before listening: nothing changed, nothing to broadcast
    if (dormant) this.applySafely(live, dormantUpdate(dormant), 'dormant state');
    this.live = this.listen(live);
    this.dormant = null;
    if (dormant) this.replies.setFull(dormant.step2); // same state: the replies shared while dormant stay valid
    if (dormant?.stale) this.opts.onStaleWake();
    return live;
  }

  /** Holds a snapshot just loaded as the dormant state instead of building its Y.Doc; false if it may not. */
  startDormant(snapshot: Uint8Array): boolean {
    const live = this.live;
    // a fan-out update may have arrived between subscribing and loading: then the live doc is the truth
    if (!live || this.opts.hibernateAfterMs <= 0) return false;
    if (live.store.clients.size || live.store.pendingStructs || live.store.pendingDs) return false;
    this.dormant = { step2: syncStep2Message(snapshot), stateVector: null, stale: false };
    live.destroy();
    this.live = null;
    return true;
  }

  /** Drops the Y.Doc of a document not used for `hibernateAfterMs`, unless `busy` (background work uses it). */
  hibernateIfIdle(now: number, busy: boolean): void {
    const { hibernateAfterMs } = this.opts;
    // an idle room keeps only its encoded state (the full-state reply lives on in `dormant.step2`)
    if (!this.live && now - this.lastReply >= hibernateAfterMs) this.replies.clear();
    if (!this.live || busy) return;
    if (now - this.lastUse < hibernateAfterMs) return;
    this.dormant = toDormant(this.live, this.replies.full());
    this.live.destroy();
    this.live = null;
    this.replies.clear();
    this.dsCache = null;
  }

  /**
   * While dormant, a resync is deferred to waking (until then nobody changes the document here): marks it and
   * returns true. False when live: resync now.
   */
  deferResync(): boolean {
    if (!this.dormant) return false;
    this.dormant.stale = true;
    this.replies.clear(); // the next joiner wakes it (no reply shared from the stale state)
    return true;
  }

  stateVector(): Uint8Array {
    if (this.dormant) {
      try {
        return dormantStateVector(this.dormant);
      } catch {
        // unreadable encoded state: waking logs it and skips it (applySafely)
      }
    }
    return Y.encodeStateVector(this.live ?? this.doc);
  }

  /** The live document's delete set, kept until it changes. */
  deleteSet(): ReturnType<typeof docDeleteSet> {
    this.dsCache ??= docDeleteSet(this.doc);
    return this.dsCache;
  }

  /**
   * Sync step 2 for a peer with state vector `sv`. Computed once per document state and state vector: every fresh
   * joiner gets the same bytes (`ws` sends them without copying), and so do reconnecting peers in the same state.
   */
  step2Reply(sv: Uint8Array): Uint8Array {
    this.lastReply = Date.now();
    return this.replies.get(sv, () => this.step2For(sv));
  }

  private step2For(sv: Uint8Array): Uint8Array {
    const empty = sv.length === 1 && sv[0] === 0;
    if (this.dormant && !this.dormant.stale)
      return empty ? this.dormant.step2 : dormantDiff(this.dormant, sv);
    return syncStep2Message(Y.encodeStateAsUpdate(this.doc, sv));
  }

  /** Applies a stored snapshot and log to the live document, in one transaction. */
  applyStored(loaded: LoadedDocument): void {
    const doc = this.doc;
    doc.transact(() => {
      if (loaded.snapshot) this.applySafely(doc, loaded.snapshot, 'snapshot');
      for (const u of loaded.updates) this.applySafely(doc, u.update, `seq ${u.seq}`);
    }, STORE_ORIGIN);
  }

  /**
   * An update that decodes but fails to integrate (crafted by a hostile client) must not make the document
   * unloadable: it is logged and skipped.
   */
  private applySafely(doc: Y.Doc, update: Uint8Array, what: string): void {
    try {
      Y.applyUpdate(doc, update, STORE_ORIGIN);
    } catch (err) {
      this.opts.logger.error(
        { err: (err as Error).message, docId: this.opts.docId, what },
        'stored update does not apply',
      );
    }
  }

  destroy(): void {
    this.live?.destroy();
  }
}
