import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Connection } from './db.ts';
import type { UserRow } from './users-repo.ts';

export type ApiKeyRow = {
  id: string;
  userId: string;
  name: string;
  keyHash: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
};

export function apiKeysRepo({ db, t, affected }: Connection) {
  return {
    async create(key: ApiKeyRow): Promise<void> {
      await db.insert(t.apiKeys).values(key);
    },
    async listForUser(userId: string): Promise<ApiKeyRow[]> {
      return (await db
        .select()
        .from(t.apiKeys)
        .where(and(eq(t.apiKeys.userId, userId), isNull(t.apiKeys.revokedAt)))
        .orderBy(desc(t.apiKeys.createdAt))) as ApiKeyRow[];
    },
    async byHashWithUser(keyHash: string): Promise<{ key: ApiKeyRow; user: UserRow } | undefined> {
      const [row] = await db
        .select({ key: t.apiKeys, user: t.users })
        .from(t.apiKeys)
        .innerJoin(t.users, eq(t.users.id, t.apiKeys.userId))
        .where(eq(t.apiKeys.keyHash, keyHash))
        .limit(1);
      return row as { key: ApiKeyRow; user: UserRow } | undefined;
    },
    async touch(id: string, at = Date.now()): Promise<void> {
      await db.update(t.apiKeys).set({ lastUsedAt: at }).where(eq(t.apiKeys.id, id));
    },
    /** Revokes a key of this user; false when there is no such live key. */
    async revoke(id: string, userId: string): Promise<boolean> {
      const result = await db
        .update(t.apiKeys)
        .set({ revokedAt: Date.now() })
        .where(and(eq(t.apiKeys.id, id), eq(t.apiKeys.userId, userId), isNull(t.apiKeys.revokedAt)));
      return affected(result) > 0;
    },
  };
}
