import { and, desc, eq, exists, or } from 'drizzle-orm';
import type { Connection } from './db.ts';

/** `publicData` is the non-secret fields as JSON; `secretData` is the AES-256-GCM envelope of the secret ones. */
export type CredentialRow = {
  id: string;
  ownerId: string;
  name: string;
  type: string;
  publicData: string;
  secretData: string;
  keyId: string;
  createdAt: number;
  updatedAt: number;
};

export function credentialsRepo({ db, t, affected }: Connection) {
  const visibleTo = (userId: string) =>
    or(
      eq(t.credentials.ownerId, userId),
      exists(
        db
          .select({ one: t.credentialShares.userId })
          .from(t.credentialShares)
          .where(
            and(eq(t.credentialShares.credentialId, t.credentials.id), eq(t.credentialShares.userId, userId)),
          ),
      ),
    )!;
  return {
    async create(row: CredentialRow): Promise<void> {
      await db.insert(t.credentials).values(row);
    },
    async byId(id: string): Promise<CredentialRow | undefined> {
      const [row] = await db.select().from(t.credentials).where(eq(t.credentials.id, id)).limit(1);
      return row;
    },
    async listVisible(userId: string): Promise<CredentialRow[]> {
      return db.select().from(t.credentials).where(visibleTo(userId)).orderBy(desc(t.credentials.updatedAt));
    },
    async isSharedWith(id: string, userId: string): Promise<boolean> {
      const rows = await db
        .select()
        .from(t.credentialShares)
        .where(and(eq(t.credentialShares.credentialId, id), eq(t.credentialShares.userId, userId)))
        .limit(1);
      return rows.length > 0;
    },
    async update(
      id: string,
      patch: Partial<Omit<CredentialRow, 'id' | 'ownerId' | 'createdAt'>>,
    ): Promise<void> {
      await db
        .update(t.credentials)
        .set({ ...patch, updatedAt: Date.now() })
        .where(eq(t.credentials.id, id));
    },
    async delete(id: string): Promise<boolean> {
      await db.delete(t.credentialShares).where(eq(t.credentialShares.credentialId, id));
      return affected(await db.delete(t.credentials).where(eq(t.credentials.id, id))) > 0;
    },
    async shares(id: string): Promise<string[]> {
      const rows = await db.select().from(t.credentialShares).where(eq(t.credentialShares.credentialId, id));
      return rows.map((r) => r.userId);
    },
    async setShares(id: string, userIds: string[]): Promise<void> {
      await db.delete(t.credentialShares).where(eq(t.credentialShares.credentialId, id));
      for (const userId of new Set(userIds)) {
        await db.insert(t.credentialShares).values({ credentialId: id, userId, createdAt: Date.now() });
      }
    },
  };
}
