import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Connection } from './db.ts';

export type StoredUpdate = { seq: number; update: Uint8Array; userId: string | null; createdAt: number };
export type StoredDocument = { snapshot: Uint8Array | null; uptoSeq: number; updates: StoredUpdate[] };

/** The durable home of workflow drafts: an append-only Yjs update log plus a compacted snapshot per document. */
export function documentsRepo({ db, t, dialect }: Connection) {
  return {
    /** Appends one update; resolves once it is committed, with its sequence number (monotonic per database). */
    async append(workflowId: string, update: Uint8Array, userId: string | null): Promise<number> {
      const row = { workflowId, update: Buffer.from(update), userId, createdAt: Date.now() };
      if (dialect === 'sqlite') {
        const [inserted] = await db.insert(t.docUpdates).values(row).returning({ seq: t.docUpdates.seq });
        return inserted!.seq;
      }
      const [header] = (await db.insert(t.docUpdates).values(row)) as unknown as [{ insertId: number }];
      return Number(header.insertId);
    },
    async load(workflowId: string): Promise<StoredDocument> {
      const [snap] = await db
        .select()
        .from(t.docSnapshots)
        .where(eq(t.docSnapshots.workflowId, workflowId))
        .limit(1);
      const uptoSeq = snap?.uptoSeq ?? 0;
      const updates = await db
        .select()
        .from(t.docUpdates)
        .where(and(eq(t.docUpdates.workflowId, workflowId), gt(t.docUpdates.seq, uptoSeq)))
        .orderBy(asc(t.docUpdates.seq));
      return {
        snapshot: snap ? new Uint8Array(snap.snapshot) : null,
        uptoSeq,
        updates: updates.map((u) => ({
          seq: u.seq,
          update: new Uint8Array(u.update),
          userId: u.userId,
          createdAt: u.createdAt,
        })),
      };
    },
    /** Updates after `afterSeq`, oldest first (the tail a lagging instance replays). */
    async since(workflowId: string, afterSeq: number): Promise<StoredUpdate[]> {
      const rows = await db
        .select()
        .from(t.docUpdates)
        .where(and(eq(t.docUpdates.workflowId, workflowId), gt(t.docUpdates.seq, afterSeq)))
        .orderBy(asc(t.docUpdates.seq));
      return rows.map((u) => ({
        seq: u.seq,
        update: new Uint8Array(u.update),
        userId: u.userId,
        createdAt: u.createdAt,
      }));
    },
    /**
     * Replaces everything up to `uptoSeq` by `snapshot`. The snapshot is written before the log is trimmed, so a crash
     * between the two leaves a snapshot plus updates it already contains, which Yjs applies idempotently.
     */
    async compact(workflowId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
      const row = { workflowId, snapshot: Buffer.from(snapshot), uptoSeq, updatedAt: Date.now() };
      const existing = await db
        .select({ uptoSeq: t.docSnapshots.uptoSeq })
        .from(t.docSnapshots)
        .where(eq(t.docSnapshots.workflowId, workflowId))
        .limit(1);
      if (existing[0] && existing[0].uptoSeq >= uptoSeq) return;
      if (existing[0])
        await db.update(t.docSnapshots).set(row).where(eq(t.docSnapshots.workflowId, workflowId));
      else await db.insert(t.docSnapshots).values(row);
      await db
        .delete(t.docUpdates)
        .where(and(eq(t.docUpdates.workflowId, workflowId), lte(t.docUpdates.seq, uptoSeq)));
    },
    async exists(workflowId: string): Promise<boolean> {
      const snap = await db
        .select({ w: t.docSnapshots.workflowId })
        .from(t.docSnapshots)
        .where(eq(t.docSnapshots.workflowId, workflowId))
        .limit(1);
      if (snap.length) return true;
      const upd = await db
        .select({ s: t.docUpdates.seq })
        .from(t.docUpdates)
        .where(eq(t.docUpdates.workflowId, workflowId))
        .limit(1);
      return upd.length > 0;
    },
  };
}
