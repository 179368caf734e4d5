import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NodeOperationError, NonRetriableError } from '@tandem/shared/engine';
import { mySqlDescription } from '@tandem/shared/nodes';
import type { Pool } from 'mysql2/promise';
import { resolveNodeHost } from '../http/index.ts';
import { type MySqlCredential, poolFor } from './my-sql/pools.ts';
import {
  bindReplacements,
  buildDelete,
  buildInsert,
  buildSelect,
  buildUpdate,
  parseReplacements,
  type Statement,
  type WhereCondition,
} from './my-sql/sql.ts';

/** `table` is a name or n8n's resource locator `{ __rl: true, value, mode }`. */
function tableName(ctx: NodeRunContext, i: number): string {
  const v = ctx.getNodeParameter('table', i, '');
  const name = v && typeof v === 'object' && 'value' in v ? (v as JsonObject).value : v;
  if (typeof name !== 'string' || name === '')
    throw new NonRetriableError('No table selected', { itemIndex: i });
  return name;
}

function list<T>(ctx: NodeRunContext, path: string, i: number): T[] {
  const v = ctx.getNodeParameter(path, i, []);
  return Array.isArray(v) ? (v as T[]) : [];
}

/** Rows → JSON: dates as ISO strings, binary columns as base64. */
function rowJson(row: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Date) out[k] = Number.isNaN(v.getTime()) ? null : v.toISOString();
    else if (Buffer.isBuffer(v)) out[k] = v.toString('base64');
    else if (typeof v === 'bigint') out[k] = v.toString();
    else out[k] = v;
  }
  return out;
}

function rowToWrite(ctx: NodeRunContext, item: Item, i: number): Record<string, unknown> {
  if (ctx.getNodeParameter('dataMode', i, 'autoMapInputData') === 'defineBelow') {
    const row: Record<string, unknown> = {};
    for (const v of list<{ column?: string; value?: unknown }>(ctx, 'valuesToSend.values', i)) {
      if (v.column) row[v.column] = v.value;
    }
    return row;
  }
  return { ...item.json };
}

async function run(pool: Pool, st: Statement): Promise<unknown> {
  try {
    const [result] = await pool.execute(st.sql, st.values as never[]);
    return result;
  } catch (err) {
    // A few statements (some DDL) can't be prepared; the text protocol still binds the values (escaped by mysql2).
    if ((err as { code?: string }).code === 'ER_UNSUPPORTED_PS') {
      const [result] = await pool.query(st.sql, st.values);
      return result;
    }
    throw err;
  }
}

function resultItems(result: unknown, i: number, detailed: boolean): Item[] {
  if (Array.isArray(result))
    return (result as Record<string, unknown>[]).map((r) => ({ json: rowJson(r), pairedItem: { item: i } }));
  const ok = result as { affectedRows?: number; insertId?: number; changedRows?: number };
  const json: JsonObject = { success: true };
  if (detailed)
    Object.assign(json, {
      affectedRows: ok.affectedRows ?? 0,
      insertId: ok.insertId ?? 0,
      changedRows: ok.changedRows ?? 0,
    });
  return [{ json, pairedItem: { item: i } }];
}

function statementFor(ctx: NodeRunContext, operation: string, item: Item, i: number): Statement {
  switch (operation) {
    case 'executeQuery': {
      const query = String(ctx.getNodeParameter('query', i, '') ?? '');
      if (!query.trim()) throw new NonRetriableError('The query is empty', { itemIndex: i });
      return bindReplacements(
        query,
        parseReplacements(ctx.getNodeParameter('options.queryReplacement', i, '')),
      );
    }
    case 'select': {
      const columns = String(ctx.getNodeParameter('options.outputColumns', i, '') || '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return buildSelect({
        table: tableName(ctx, i),
        columns,
        where: list<WhereCondition>(ctx, 'where.values', i),
        combine: String(ctx.getNodeParameter('combineConditions', i, 'AND')),
        sort: list(ctx, 'sort.values', i),
        limit: ctx.getNodeParameter('returnAll', i, false)
          ? undefined
          : Number(ctx.getNodeParameter('limit', i, 50)),
      });
    }
    case 'insert':
    case 'upsert':
      return buildInsert(tableName(ctx, i), rowToWrite(ctx, item, i), operation === 'upsert');
    case 'update': {
      const column = String(ctx.getNodeParameter('columnToMatchOn', i, '') || '');
      if (!column) throw new NonRetriableError('Column to match on is empty', { itemIndex: i });
      const row = rowToWrite(ctx, item, i);
      const value =
        ctx.getNodeParameter('dataMode', i, 'autoMapInputData') === 'defineBelow'
          ? ctx.getNodeParameter('valueToMatchOn', i, '')
          : item.json[column];
      if (value === undefined)
        throw new NonRetriableError(`The item has no value for "${column}" to match on`, { itemIndex: i });
      return buildUpdate(tableName(ctx, i), row, column, value);
    }
    case 'deleteTable':
      return buildDelete(
        tableName(ctx, i),
        String(ctx.getNodeParameter('deleteCommand', i, 'truncate')),
        list<WhereCondition>(ctx, 'where.values', i),
        String(ctx.getNodeParameter('combineConditions', i, 'AND')),
      );
    default:
      throw new NonRetriableError(`Unknown operation "${operation}"`);
  }
}

/**
 * MySQL v2: select / insert / upsert / update / delete / execute query, once per input item. Values are always
 * bound (`?` placeholders, prepared statements); identifiers are quoted. With queryBatching "transaction" all
 * items run in one transaction that is rolled back on the first error.
 */
export async function executeMySql(ctx: NodeRunContext): Promise<NodeOutput> {
  const items = ctx.inputs[0] ?? [];
  const operation = String(ctx.getNodeParameter('operation', 0, 'insert'));
  const detailed = ctx.getNodeParameter('options.detailedOutput', 0, false) === true;
  const batching = String(ctx.getNodeParameter('options.queryBatching', 0, 'single'));
  const cred = (await ctx.getCredentials('mySql')) as MySqlCredential;
  const pool = poolFor(cred, await resolveNodeHost(ctx.services, cred.host || 'localhost'));
  const out: Item[] = [];
  const conn = batching === 'transaction' ? await pool.getConnection() : undefined;
  try {
    if (conn) await conn.beginTransaction();
    for (let i = 0; i < items.length; i++) {
      if (ctx.signal.aborted) throw new NodeOperationError('The execution was cancelled');
      try {
        const st = statementFor(ctx, operation, items[i], i);
        const result = conn ? (await conn.execute(st.sql, st.values as never[]))[0] : await run(pool, st);
        out.push(...resultItems(result, i, detailed));
      } catch (err) {
        if (conn || !ctx.continueOnFail) throw toNodeError(err, i);
        out.push({ json: { error: (err as Error).message }, pairedItem: { item: i } });
      }
    }
    if (conn) await conn.commit();
  } catch (err) {
    if (conn) await conn.rollback().catch(() => {});
    throw err;
  } finally {
    conn?.release();
  }
  return [out];
}

function toNodeError(err: unknown, itemIndex: number): Error {
  if (err instanceof NonRetriableError || err instanceof NodeOperationError) return err;
  const e = err as { message?: string; code?: string; sqlMessage?: string };
  return new NodeOperationError(e.sqlMessage ?? e.message ?? String(err), {
    itemIndex,
    description: e.code ? `MySQL error ${e.code}` : undefined,
    cause: err,
  });
}

export const mySqlNode: NodeType = { description: mySqlDescription, execute: executeMySql };
