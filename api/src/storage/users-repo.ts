import { count, eq } from 'drizzle-orm';
import type { Connection } from './db.ts';

export type UserRole = 'admin' | 'member';
export type UserRow = {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  role: UserRole;
  createdAt: number;
  updatedAt: number;
};

export function usersRepo({ db, t }: Connection) {
  return {
    async create(user: UserRow): Promise<UserRow> {
      await db.insert(t.users).values(user);
      return user;
    },
    async byId(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(t.users).where(eq(t.users.id, id)).limit(1);
      return row as UserRow | undefined;
    },
    async byEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(t.users).where(eq(t.users.email, email)).limit(1);
      return row as UserRow | undefined;
    },
    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(t.users);
      return Number(row?.n ?? 0);
    },
    async update(id: string, patch: Partial<Pick<UserRow, 'email' | 'name' | 'passwordHash' | 'role'>>) {
      await db
        .update(t.users)
        .set({ ...patch, updatedAt: Date.now() })
        .where(eq(t.users.id, id));
    },
    async list(): Promise<UserRow[]> {
      return (await db.select().from(t.users).orderBy(t.users.createdAt)) as UserRow[];
    },
  };
}
