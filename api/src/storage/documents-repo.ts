import type { ActivityEntry, Compaction, DocumentStore, LoadedDocument } from '@tandem/collab-server/store';
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Connection } from './db.ts';

const EMPTY = Buffer.alloc(0);

/**
 * The durable home of workflow drafts (the collab-server's DocumentStore): an append-only Yjs update log plus a
 * compacted snapshot per document. Compaction clears the bytes of the folded rows but keeps the rows, so the
 * activity feed outlives it.
 */
export function documentsRepo({ db, t, dialect, affected }: Connection): DocumentStore {
  return {
    async loadDocument(docId: string): Promise<LoadedDocument> {
      const [snap] = await db
        .select()
        .from(t.docSnapshots)
        .where(eq(t.docSnapshots.workflowId, docId))
        .limit(1);
      const rows = await db
        .select({
          seq: t.docUpdates.seq,
          update: t.docUpdates.update,
          userId: t.docUpdates.userId,
          createdAt: t.docUpdates.createdAt,
        })
        .from(t.docUpdates)
        .where(and(eq(t.docUpdates.workflowId, docId), eq(t.docUpdates.compacted, false)))
        .orderBy(asc(t.docUpdates.seq));
      return {
        snapshot: snap ? new Uint8Array(snap.snapshot) : null,
        version: snap?.uptoSeq ?? 0,
        updates: rows.map((u) => ({ ...u, update: new Uint8Array(u.update) })),
      };
    },

    async appendUpdate(docId, update, meta) {
      const row = {
        workflowId: docId,
        update: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
        userId: meta.userId,
        createdAt: Date.now(),
        bytes: update.byteLength,
        compacted: false,
      };
      if (dialect === 'sqlite') {
        const [inserted] = await db.insert(t.docUpdates).values(row).returning({ seq: t.docUpdates.seq });
        return inserted!.seq;
      }
      const [header] = (await db.insert(t.docUpdates).values(row)) as unknown as [{ insertId: number }];
      return Number(header.insertId);
    },

    /**
     * Compare-and-swap on the snapshot version, then clear exactly the folded rows. A crash between the two leaves
     * rows the snapshot already contains; Yjs applies them again idempotently.
     */
    async compact(docId: string, c: Compaction): Promise<boolean> {
      const snapshot = Buffer.from(c.snapshot.buffer, c.snapshot.byteOffset, c.snapshot.byteLength);
      const now = Date.now();
      if (c.expectedVersion === 0) {
        try {
          await db
            .insert(t.docSnapshots)
            .values({ workflowId: docId, snapshot, uptoSeq: c.version, updatedAt: now });
        } catch {
          return false; // someone else wrote the first snapshot
        }
      } else {
        const result = await db
          .update(t.docSnapshots)
          .set({ snapshot, uptoSeq: c.version, updatedAt: now })
          .where(and(eq(t.docSnapshots.workflowId, docId), eq(t.docSnapshots.uptoSeq, c.expectedVersion)));
        if (affected(result) !== 1) return false;
      }
      for (let i = 0; i < c.seqs.length; i += 500) {
        await db
          .update(t.docUpdates)
          .set({ update: EMPTY, compacted: true })
          .where(
            and(eq(t.docUpdates.workflowId, docId), inArray(t.docUpdates.seq, c.seqs.slice(i, i + 500))),
          );
      }
      return true;
    },

    async listActivity(docId, opts = {}): Promise<ActivityEntry[]> {
      const where = opts.beforeSeq
        ? and(eq(t.docUpdates.workflowId, docId), lt(t.docUpdates.seq, opts.beforeSeq))
        : eq(t.docUpdates.workflowId, docId);
      return db
        .select({
          seq: t.docUpdates.seq,
          userId: t.docUpdates.userId,
          createdAt: t.docUpdates.createdAt,
          bytes: t.docUpdates.bytes,
        })
        .from(t.docUpdates)
        .where(where)
        .orderBy(desc(t.docUpdates.seq))
        .limit(Math.min(opts.limit ?? 100, 1000));
    },

    async deleteDocument(docId) {
      await db.delete(t.docUpdates).where(eq(t.docUpdates.workflowId, docId));
      await db.delete(t.docSnapshots).where(eq(t.docSnapshots.workflowId, docId));
    },
  };
}
