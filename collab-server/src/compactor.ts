import * as Y from 'yjs';
import type { DocHolder } from './doc-holder.ts';
import type { RoomDeps } from './room-deps.ts';
import type { LoadedDocument } from './store.ts';

/**
 * Folds a document's update log into its snapshot once that pays off, and keeps the sizes that decide it: the
 * snapshot's, and the log bytes and rows appended since.
 */
export class Compactor {
  private readonly docId: string;
  private readonly deps: RoomDeps;
  private readonly holder: DocHolder;
  private tailBytes = 0;
  private tailRows = 0;
  private snapshotBytes = 0;
  private compacting: Promise<void> | null = null;

  constructor(docId: string, deps: RoomDeps, holder: DocHolder) {
    this.docId = docId;
    this.deps = deps;
    this.holder = holder;
  }

  /** The compaction under way, if any. */
  get running(): Promise<void> | null {
    return this.compacting;
  }

  /** Takes the sizes of a document just read from the store; returns its total size. */
  measure(loaded: LoadedDocument): number {
    let tail = 0;
    for (const u of loaded.updates) tail += u.update.byteLength;
    this.snapshotBytes = loaded.snapshot?.byteLength ?? 0;
    this.tailBytes = tail;
    this.tailRows = loaded.updates.length;
    return this.snapshotBytes + tail;
  }

  /** Counts an update this instance appended to the log; compacts once the log is big enough. */
  appended(bytes: number): void {
    this.tailBytes += bytes;
    this.tailRows++;
    const { compactMinBytes, compactMaxRows } = this.deps.limits;
    if (
      (this.tailBytes >= compactMinBytes && this.tailBytes >= 2 * this.snapshotBytes) ||
      this.tailRows >= compactMaxRows
    ) {
      void this.compact();
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
        this.measure(loaded);
        // writing the snapshot costs its size: only when the log is at least twice that (≤ 1.5× bytes written overall)
        if (loaded.updates.length === 0) return;
        if (this.tailBytes < 2 * this.snapshotBytes && this.tailRows < this.deps.limits.compactMaxRows)
          return;
        this.holder.applyStored(loaded);
        const snapshot = Y.encodeStateAsUpdate(this.holder.doc);
        const seqs = loaded.updates.map((u) => u.seq);
        const version = seqs.reduce((m, s) => Math.max(m, s), loaded.version + 1);
        const ok = await this.deps.store.compact(this.docId, {
          snapshot,
          expectedVersion: loaded.version,
          version,
          seqs,
        });
        if (ok) {
          this.holder.approxBytes = snapshot.byteLength;
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
}
