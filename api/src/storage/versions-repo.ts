import { newId } from '@tandem/shared/util';
import { and, desc, eq, max } from 'drizzle-orm';
import type { Connection } from './db.ts';

export type VersionRow = {
  id: string;
  workflowId: string;
  number: number;
  workflowJson: string;
  authorId: string;
  createdAt: number;
};

export function versionsRepo({ db, t }: Connection) {
  return {
    /** Freezes a workflow JSON as the next version number; concurrent publishers each get their own number. */
    async create(workflowId: string, workflowJson: string, authorId: string): Promise<VersionRow> {
      for (let attempt = 0; ; attempt++) {
        const [row] = await db
          .select({ n: max(t.workflowVersions.number) })
          .from(t.workflowVersions)
          .where(eq(t.workflowVersions.workflowId, workflowId));
        const version: VersionRow = {
          id: newId(),
          workflowId,
          number: Number(row?.n ?? 0) + 1,
          workflowJson,
          authorId,
          createdAt: Date.now(),
        };
        try {
          await db.insert(t.workflowVersions).values(version);
          return version;
        } catch (err) {
          if (attempt >= 5) throw err;
        }
      }
    },
    async list(workflowId: string): Promise<Omit<VersionRow, 'workflowJson'>[]> {
      return db
        .select({
          id: t.workflowVersions.id,
          workflowId: t.workflowVersions.workflowId,
          number: t.workflowVersions.number,
          authorId: t.workflowVersions.authorId,
          createdAt: t.workflowVersions.createdAt,
        })
        .from(t.workflowVersions)
        .where(eq(t.workflowVersions.workflowId, workflowId))
        .orderBy(desc(t.workflowVersions.number));
    },
    async byNumber(workflowId: string, number: number): Promise<VersionRow | undefined> {
      const [row] = await db
        .select()
        .from(t.workflowVersions)
        .where(and(eq(t.workflowVersions.workflowId, workflowId), eq(t.workflowVersions.number, number)))
        .limit(1);
      return row;
    },
    async byId(id: string): Promise<VersionRow | undefined> {
      const [row] = await db.select().from(t.workflowVersions).where(eq(t.workflowVersions.id, id)).limit(1);
      return row;
    },
  };
}
