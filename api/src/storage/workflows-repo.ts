import { type AnyColumn, and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Connection } from './db.ts';

export type WorkflowRole = 'owner' | 'editor' | 'viewer';
export type WorkflowRow = {
  id: string;
  name: string;
  ownerId: string;
  createdAt: number;
  updatedAt: number;
  publishedVersionId: string | null;
  archived: boolean;
};
export type WorkflowWithRole = WorkflowRow & { role: WorkflowRole | undefined };
export type MemberRow = { workflowId: string; userId: string; role: WorkflowRole; createdAt: number };

export type WorkflowListQuery = {
  userId: string;
  /** Instance admins see every workflow. */
  all?: boolean;
  name?: string;
  archived?: boolean;
  limit: number;
  cursor?: { updatedAt: number; id: string };
};

/**
 * Who may see a workflow, as a condition on `workflowId` (a column holding workflow ids) the database evaluates:
 * its members, the owner included (create adds the owner's row), archived or not. Every list limited to what a user
 * may see uses it, so no list of ids is loaded or bound. IN rather than a correlated EXISTS: both backends then
 * start from the user's rows in members_user_idx, so a page costs what the user may see, not the table's size.
 */
export function visibleTo(
  { db, t }: Pick<Connection, 'db' | 't'>,
  userId: string,
  workflowId: AnyColumn,
): SQL {
  const m = t.workflowMembers;
  return inArray(workflowId, db.select({ id: m.workflowId }).from(m).where(eq(m.userId, userId)));
}

export function workflowsRepo(conn: Connection) {
  const { db, t } = conn;
  return {
    async create(row: WorkflowRow): Promise<WorkflowRow> {
      await db.insert(t.workflows).values(row);
      await db
        .insert(t.workflowMembers)
        .values({ workflowId: row.id, userId: row.ownerId, role: 'owner', createdAt: row.createdAt });
      return row;
    },
    async byId(id: string): Promise<WorkflowRow | undefined> {
      const [row] = await db.select().from(t.workflows).where(eq(t.workflows.id, id)).limit(1);
      return row as WorkflowRow | undefined;
    },
    /**
     * The given workflows (archived ones too), each with `userId`'s membership role (undefined: not a member),
     * in one query; unknown ids are left out.
     */
    async withRoleOf(ids: string[], userId: string): Promise<Map<string, WorkflowWithRole>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ workflow: t.workflows, role: t.workflowMembers.role })
        .from(t.workflows)
        .leftJoin(
          t.workflowMembers,
          and(eq(t.workflowMembers.workflowId, t.workflows.id), eq(t.workflowMembers.userId, userId)),
        )
        .where(inArray(t.workflows.id, ids));
      return new Map(
        rows.map((r) => [
          r.workflow.id,
          { ...(r.workflow as WorkflowRow), role: (r.role ?? undefined) as WorkflowRole | undefined },
        ]),
      );
    },
    async update(id: string, patch: Partial<Pick<WorkflowRow, 'name' | 'archived' | 'publishedVersionId'>>) {
      await db
        .update(t.workflows)
        .set({ ...patch, updatedAt: Date.now() })
        .where(eq(t.workflows.id, id));
    },
    async list(q: WorkflowListQuery): Promise<WorkflowRow[]> {
      const conditions: SQL[] = [eq(t.workflows.archived, q.archived ?? false)];
      if (!q.all) conditions.push(visibleTo(conn, q.userId, t.workflows.id));
      if (q.name) {
        // '!' as the escape character: SQLite has no default one and MySQL's backslash differs in string literals.
        // lower() on both sides: MariaDB's utf8mb4_bin collation tells case apart (SQLite's like ignores ASCII case).
        const pattern = `%${q.name.replace(/[!%_]/g, (c) => `!${c}`)}%`;
        conditions.push(sql`lower(${t.workflows.name}) like lower(${pattern}) escape '!'`);
      }
      if (q.cursor) {
        conditions.push(
          or(
            lt(t.workflows.updatedAt, q.cursor.updatedAt),
            and(eq(t.workflows.updatedAt, q.cursor.updatedAt), lt(t.workflows.id, q.cursor.id)),
          )!,
        );
      }
      return (await db
        .select()
        .from(t.workflows)
        .where(and(...conditions))
        .orderBy(desc(t.workflows.updatedAt), desc(t.workflows.id))
        .limit(q.limit)) as WorkflowRow[];
    },
    async roleOf(workflowId: string, userId: string): Promise<WorkflowRole | undefined> {
      const [row] = await db
        .select({ role: t.workflowMembers.role })
        .from(t.workflowMembers)
        .where(and(eq(t.workflowMembers.workflowId, workflowId), eq(t.workflowMembers.userId, userId)))
        .limit(1);
      return row?.role as WorkflowRole | undefined;
    },
    async members(workflowId: string): Promise<MemberRow[]> {
      return (await db
        .select()
        .from(t.workflowMembers)
        .where(eq(t.workflowMembers.workflowId, workflowId))
        .orderBy(t.workflowMembers.createdAt)) as MemberRow[];
    },
    /** Replaces the members other than the owner with `members`. */
    async setMembers(
      workflowId: string,
      members: { userId: string; role: Exclude<WorkflowRole, 'owner'> }[],
    ) {
      const current = await this.members(workflowId);
      const owner = current.find((m) => m.role === 'owner');
      const wanted = new Map(
        members.filter((m) => m.userId !== owner?.userId).map((m) => [m.userId, m.role]),
      );
      for (const m of current) {
        if (m.role === 'owner') continue;
        const where = and(
          eq(t.workflowMembers.workflowId, workflowId),
          eq(t.workflowMembers.userId, m.userId),
        );
        const role = wanted.get(m.userId);
        if (!role) await db.delete(t.workflowMembers).where(where);
        else if (role !== m.role) await db.update(t.workflowMembers).set({ role }).where(where);
        wanted.delete(m.userId);
      }
      for (const [userId, role] of wanted) {
        await db.insert(t.workflowMembers).values({ workflowId, userId, role, createdAt: Date.now() });
      }
    },
  };
}
