/** One update of a document's log, as stored. */
export type StoredUpdate = { seq: number; update: Uint8Array; userId: string | null; createdAt: number };

/** A document as stored: the compacted snapshot plus every update not yet folded into it. */
export type LoadedDocument = {
  snapshot: Uint8Array | null;
  /** Version token of the snapshot (0 when there is none); compare-and-swap token for `compact`. */
  version: number;
  /** EVERY update row still in the log, by ascending seq, regardless of `version` (see `compact`). */
  updates: StoredUpdate[];
};

/** One entry of a document's activity feed. */
export type ActivityEntry = { seq: number; userId: string | null; createdAt: number; bytes: number };

/** A compaction request: fold the update rows `seqs` into `snapshot`. */
export type Compaction = {
  snapshot: Uint8Array;
  /** The snapshot version this compaction was computed from; the store refuses (returns false) if it changed. */
  expectedVersion: number;
  /** The new version (the largest seq folded in; always > expectedVersion). */
  version: number;
  /** Exactly the update rows to delete: the ones the caller loaded and folded into `snapshot`. */
  seqs: number[];
};

/**
 * Durable storage of workflow documents (Yjs update log + snapshot). Two implementations: in memory
 * (`createMemoryDocumentStore`) and SQL in the api (`doc_updates` / `doc_snapshots`); both must pass
 * `runDocumentStoreContract`.
 *
 * Why `compact` deletes an explicit list of seqs and `loadDocument` returns every remaining row: with an
 * auto-increment seq (MySQL), a transaction can commit seq 10 after seq 11 became visible. Deleting "≤ 11"
 * or loading "> version" would silently lose 10. Deleting only rows the snapshot contains never does.
 * Why compare-and-swap: two instances compacting at once must not overwrite each other's snapshot, since each
 * deleted rows only the other's snapshot holds.
 */
export interface DocumentStore {
  /** Snapshot + every remaining update (ascending seq). An unknown document is `{snapshot: null, version: 0, updates: []}`. */
  loadDocument(docId: string): Promise<LoadedDocument>;
  /** Appends one update; resolves only once it is committed, with its seq (unique, increasing per store). */
  appendUpdate(docId: string, update: Uint8Array, meta: { userId: string | null }): Promise<number>;
  /**
   * Atomically: if the stored snapshot version is `expectedVersion`, write `snapshot` with `version` and delete
   * the rows `seqs` (their activity entries stay). Returns false, changing nothing, when the version differs.
   */
  compact(docId: string, compaction: Compaction): Promise<boolean>;
  /** Activity feed, newest first, also for updates already compacted. */
  listActivity(docId: string, opts?: { limit?: number; beforeSeq?: number }): Promise<ActivityEntry[]>;
  /** Removes the document entirely (workflow deleted). */
  deleteDocument(docId: string): Promise<void>;
}

/**
 * The in-memory store (tests, benchmarks). Not durable across restarts of the process, by design.
 * @example const store = createMemoryDocumentStore(); await store.appendUpdate('w1', update, { userId: 'u1' })
 */
export function createMemoryDocumentStore(): DocumentStore & { bytesWritten(): number } {
  type Doc = {
    snapshot: Uint8Array | null;
    version: number;
    updates: StoredUpdate[];
    activity: ActivityEntry[];
  };
  const docs = new Map<string, Doc>();
  let seq = 0;
  let written = 0;
  const get = (id: string): Doc => {
    let d = docs.get(id);
    if (!d) docs.set(id, (d = { snapshot: null, version: 0, updates: [], activity: [] }));
    return d;
  };
  return {
    async loadDocument(docId) {
      const d = docs.get(docId);
      if (!d) return { snapshot: null, version: 0, updates: [] };
      return { snapshot: d.snapshot, version: d.version, updates: d.updates.map((u) => ({ ...u })) };
    },
    async appendUpdate(docId, update, meta) {
      const row = { seq: ++seq, update: update.slice(), userId: meta.userId, createdAt: Date.now() };
      const d = get(docId);
      d.updates.push(row);
      d.activity.push({
        seq: row.seq,
        userId: row.userId,
        createdAt: row.createdAt,
        bytes: update.byteLength,
      });
      written += update.byteLength;
      return row.seq;
    },
    async compact(docId, c) {
      const d = get(docId);
      if (d.version !== c.expectedVersion) return false;
      d.snapshot = c.snapshot.slice();
      d.version = c.version;
      const drop = new Set(c.seqs);
      d.updates = d.updates.filter((u) => !drop.has(u.seq));
      written += c.snapshot.byteLength;
      return true;
    },
    async listActivity(docId, opts = {}) {
      const limit = opts.limit ?? 100;
      const before = opts.beforeSeq ?? Number.POSITIVE_INFINITY;
      const all = docs.get(docId)?.activity ?? [];
      return all
        .filter((a) => a.seq < before)
        .reverse()
        .slice(0, limit)
        .map((a) => ({ ...a }));
    },
    async deleteDocument(docId) {
      docs.delete(docId);
    },
    bytesWritten: () => written,
  };
}
