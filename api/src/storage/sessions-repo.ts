import { and, eq, lt, ne } from 'drizzle-orm';
import type { Connection } from './db.ts';
import type { UserRow } from './users-repo.ts';

export type SessionRow = { id: string; userId: string; expiresAt: number; createdAt: number };

export function sessionsRepo({ db, t }: Connection) {
  return {
    async create(session: SessionRow): Promise<void> {
      await db.insert(t.sessions).values(session);
    },
    async withUser(id: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
      const [row] = await db
        .select({ session: t.sessions, user: t.users })
        .from(t.sessions)
        .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
        .where(eq(t.sessions.id, id))
        .limit(1);
      return row as { session: SessionRow; user: UserRow } | undefined;
    },
    async extend(id: string, expiresAt: number): Promise<void> {
      await db.update(t.sessions).set({ expiresAt }).where(eq(t.sessions.id, id));
    },
    async delete(id: string): Promise<void> {
      await db.delete(t.sessions).where(eq(t.sessions.id, id));
    },
    /** Revokes every session of a user, except `keepId` when given (the one that changed the password). */
    async deleteForUser(userId: string, keepId?: string): Promise<void> {
      const where = keepId
        ? and(eq(t.sessions.userId, userId), ne(t.sessions.id, keepId))
        : eq(t.sessions.userId, userId);
      await db.delete(t.sessions).where(where);
    },
    async deleteExpired(now = Date.now()): Promise<void> {
      await db.delete(t.sessions).where(lt(t.sessions.expiresAt, now));
    },
  };
}
