import type { CustomData } from '@tandem/worker';
import { and, eq, exists, inArray, type SQL, sql } from 'drizzle-orm';
import type { Connection } from './db.ts';

/** A list filter on custom data: runs with this name (and, when given, exactly this value). */
export type CustomDataFilter = { name: string; value?: string };

/**
 * Upserts an execution's custom data by name on the drizzle path (the hot paths write it in their ops); nothing
 * for none.
 * @example await storeCustomData(conn, executionId, { orderId: '42' });
 */
export async function storeCustomData(conn: Connection, id: string, data: CustomData | undefined) {
  const { db, t, dialect } = conn;
  const cd = t.executionCustomData;
  const rows = Object.entries(data ?? {}).map(([name, value]) => ({ executionId: id, name, value }));
  if (rows.length === 0) return;
  await (dialect === 'sqlite'
    ? (db as any)
        .insert(cd)
        .values(rows)
        .onConflictDoUpdate({ target: [cd.executionId, cd.name], set: { value: sql`excluded.value` } })
    : (db as any)
        .insert(cd)
        .values(rows)
        .onDuplicateKeyUpdate({ set: { value: sql`values(value)` } }));
}

/**
 * The custom data of these executions, one query; executions without any are absent from the map.
 * @example (await customDataOf(conn, [id])).get(id) ?? {}
 */
export async function customDataOf(conn: Connection, ids: string[]): Promise<Map<string, CustomData>> {
  const { db, t } = conn;
  const cd = t.executionCustomData;
  const out = new Map<string, CustomData>();
  if (ids.length === 0) return out;
  const rows = await db.select().from(cd).where(inArray(cd.executionId, ids));
  for (const r of rows) {
    let data = out.get(r.executionId);
    if (!data) out.set(r.executionId, (data = {}));
    data[r.name] = r.value;
  }
  return out;
}

/**
 * A condition on `executions` rows: the execution has custom data matching the filter.
 * @example where.push(hasCustomData(conn, { name: 'orderId', value: '42' }));
 */
export function hasCustomData(conn: Connection, filter: CustomDataFilter): SQL {
  const { db, t } = conn;
  const e = t.executions;
  const cd = t.executionCustomData;
  const match = [eq(cd.executionId, e.id), eq(cd.name, filter.name)];
  if (filter.value !== undefined) match.push(eq(cd.value, filter.value));
  return exists(
    db
      .select({ one: sql`1` })
      .from(cd)
      .where(and(...match)),
  );
}
