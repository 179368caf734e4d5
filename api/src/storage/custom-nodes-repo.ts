import { newId } from '@tandem/shared/util';
import { and, desc, eq, max } from 'drizzle-orm';
import type { Connection } from './db.ts';

export type CustomNodeRow = {
  id: string;
  type: string;
  version: number;
  ownerId: string;
  definition: string;
  createdAt: number;
};

export function customNodesRepo({ db, t }: Connection) {
  return {
    /** Stores a new version of a custom node type (1 for a new type). Versions are immutable. */
    async create(type: string, ownerId: string, definition: string): Promise<CustomNodeRow> {
      for (let attempt = 0; ; attempt++) {
        const [row] = await db
          .select({ n: max(t.customNodes.version) })
          .from(t.customNodes)
          .where(eq(t.customNodes.type, type));
        const node: CustomNodeRow = {
          id: newId(),
          type,
          version: Number(row?.n ?? 0) + 1,
          ownerId,
          definition,
          createdAt: Date.now(),
        };
        try {
          await db.insert(t.customNodes).values(node);
          return node;
        } catch (err) {
          if (attempt >= 5) throw err;
        }
      }
    },
    async all(): Promise<CustomNodeRow[]> {
      return db.select().from(t.customNodes).orderBy(t.customNodes.type, desc(t.customNodes.version));
    },
    async versions(type: string): Promise<CustomNodeRow[]> {
      return db
        .select()
        .from(t.customNodes)
        .where(eq(t.customNodes.type, type))
        .orderBy(desc(t.customNodes.version));
    },
    async get(type: string, version: number): Promise<CustomNodeRow | undefined> {
      const [row] = await db
        .select()
        .from(t.customNodes)
        .where(and(eq(t.customNodes.type, type), eq(t.customNodes.version, version)))
        .limit(1);
      return row;
    },
  };
}
