import { NonRetriableError } from '@tandem/shared/engine';

/** A statement and its bound values; values never enter the SQL text. */
export interface Statement {
  sql: string;
  values: unknown[];
}

export interface WhereCondition {
  column?: string;
  condition?: string;
  value?: unknown;
}

const OPERATORS: Record<string, string> = {
  equal: '=',
  notEqual: '!=',
  '!=': '!=',
  LIKE: 'LIKE',
  greater: '>',
  less: '<',
  greaterOrEqual: '>=',
  lessOrEqual: '<=',
  '>': '>',
  '<': '<',
  '>=': '>=',
  '<=': '<=',
};

/**
 * Quotes a (possibly `db.table`) identifier with backticks; identifiers can't be bound as parameters.
 * @example quoteId('shop.orders') // '`shop`.`orders`'
 */
export function quoteId(name: string): string {
  if (typeof name !== 'string' || name.trim() === '')
    throw new NonRetriableError('A table or column name is empty');
  if (name.includes('\0')) throw new NonRetriableError('A table or column name contains a NUL character');
  return name
    .split('.')
    .map((part) => {
      if (part === '') throw new NonRetriableError(`Invalid name "${name}"`);
      return `\`${part.replace(/`/g, '``')}\``;
    })
    .join('.');
}

function whereClause(conditions: WhereCondition[], combine: string): Statement {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const c of conditions) {
    if (!c.column) continue;
    const cond = c.condition ?? 'equal';
    if (cond === 'IS NULL' || cond === 'IS NOT NULL') {
      parts.push(`${quoteId(c.column)} ${cond}`);
      continue;
    }
    const op = OPERATORS[cond];
    if (!op) throw new NonRetriableError(`Unknown condition "${cond}"`);
    parts.push(`${quoteId(c.column)} ${op} ?`);
    values.push(c.value ?? null);
  }
  if (parts.length === 0) return { sql: '', values };
  const joiner = combine === 'OR' ? ' OR ' : ' AND ';
  return { sql: ` WHERE ${parts.join(joiner)}`, values };
}

/** SELECT with optional columns, conditions, sort and limit. */
export function buildSelect(opts: {
  table: string;
  columns?: string[];
  where?: WhereCondition[];
  combine?: string;
  sort?: { column?: string; direction?: string }[];
  limit?: number;
}): Statement {
  const cols = opts.columns?.length ? opts.columns.map(quoteId).join(', ') : '*';
  const where = whereClause(opts.where ?? [], opts.combine ?? 'AND');
  const order = (opts.sort ?? [])
    .filter((s) => s.column)
    .map((s) => `${quoteId(s.column as string)} ${s.direction === 'DESC' ? 'DESC' : 'ASC'}`);
  let sql = `SELECT ${cols} FROM ${quoteId(opts.table)}${where.sql}`;
  if (order.length) sql += ` ORDER BY ${order.join(', ')}`;
  const values = [...where.values];
  if (opts.limit !== undefined) {
    if (!Number.isInteger(opts.limit) || opts.limit < 0)
      throw new NonRetriableError('Limit must be a whole number ≥ 0');
    // A literal: MariaDB rejects a bound LIMIT in prepared statements on some versions; it is a checked integer.
    sql += ` LIMIT ${opts.limit}`;
  }
  return { sql, values };
}

function columnsOf(row: Record<string, unknown>): string[] {
  const cols = Object.keys(row);
  if (cols.length === 0) throw new NonRetriableError('There are no columns to write (the item is empty)');
  return cols;
}

/** INSERT (or INSERT … ON DUPLICATE KEY UPDATE for upsert) of one row. */
export function buildInsert(
  table: string,
  row: Record<string, unknown>,
  upsert = false,
  skipOnConflict = false,
): Statement {
  const cols = columnsOf(row);
  const ignore = skipOnConflict && !upsert ? ' IGNORE' : '';
  let sql = `INSERT${ignore} INTO ${quoteId(table)} (${cols.map(quoteId).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  if (upsert)
    sql += ` ON DUPLICATE KEY UPDATE ${cols.map((c) => `${quoteId(c)} = VALUES(${quoteId(c)})`).join(', ')}`;
  return { sql, values: cols.map((c) => toSqlValue(row[c])) };
}

/** UPDATE of the rows whose `matchColumn` equals `matchValue`. */
export function buildUpdate(
  table: string,
  row: Record<string, unknown>,
  matchColumn: string,
  matchValue: unknown,
): Statement {
  const cols = columnsOf(row).filter((c) => c !== matchColumn);
  if (cols.length === 0)
    throw new NonRetriableError('There are no columns to update besides the column to match on');
  return {
    sql: `UPDATE ${quoteId(table)} SET ${cols.map((c) => `${quoteId(c)} = ?`).join(', ')} WHERE ${quoteId(matchColumn)} = ?`,
    values: [...cols.map((c) => toSqlValue(row[c])), toSqlValue(matchValue)],
  };
}

/** TRUNCATE / DROP / DELETE … WHERE. */
export function buildDelete(
  table: string,
  command: string,
  where: WhereCondition[],
  combine: string,
): Statement {
  if (command === 'truncate') return { sql: `TRUNCATE TABLE ${quoteId(table)}`, values: [] };
  if (command === 'drop') return { sql: `DROP TABLE IF EXISTS ${quoteId(table)}`, values: [] };
  if (command !== 'delete') throw new NonRetriableError(`Unknown delete command "${command}"`);
  const w = whereClause(where, combine);
  return { sql: `DELETE FROM ${quoteId(table)}${w.sql}`, values: w.values };
}

/** Objects and arrays are stored as JSON text, like n8n. */
export function toSqlValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v))
    return JSON.stringify(v);
  return v;
}

/**
 * n8n writes `$1, $2…` in queries for "query parameters"; they become `?` placeholders bound in order.
 * `?` placeholders may be used directly too. Quoted strings, identifiers and comments are left alone.
 *
 * @example bindReplacements('SELECT * FROM t WHERE a = $2 AND b = $1', ['x', 'y'])
 * // { sql: 'SELECT * FROM t WHERE a = ? AND b = ?', values: ['y', 'x'] }
 */
export function bindReplacements(query: string, replacements: unknown[]): Statement {
  let sql = '';
  const values: unknown[] = [];
  let plain = 0;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = closing(query, i, ch);
      sql += query.slice(i, end + 1);
      i = end;
    } else if (ch === '-' && query[i + 1] === '-') {
      const end = query.indexOf('\n', i);
      const stop = end === -1 ? query.length - 1 : end;
      sql += query.slice(i, stop + 1);
      i = stop;
    } else if (ch === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      const stop = end === -1 ? query.length - 1 : end + 1;
      sql += query.slice(i, stop + 1);
      i = stop;
    } else if (ch === '$' && /\d/.test(query[i + 1] ?? '')) {
      let j = i + 1;
      while (/\d/.test(query[j] ?? '')) j++;
      const n = Number(query.slice(i + 1, j));
      if (n < 1 || n > replacements.length) {
        throw new NonRetriableError(
          `The query uses $${n} but ${replacements.length} query parameter(s) were given`,
        );
      }
      values.push(toSqlValue(replacements[n - 1]));
      sql += '?';
      i = j - 1;
    } else if (ch === '?') {
      if (plain >= replacements.length) {
        throw new NonRetriableError(
          `The query has more ? placeholders than the ${replacements.length} query parameter(s)`,
        );
      }
      values.push(toSqlValue(replacements[plain++]));
      sql += '?';
    } else sql += ch;
  }
  return { sql, values };
}

function closing(s: string, start: number, quote: string): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\' && quote !== '`') i++;
    else if (s[i] === quote) {
      if (s[i + 1] === quote) i++;
      else return i;
    }
  }
  return s.length - 1;
}

/** "a, b, 'c'" → ['a', 'b', 'c']; an array (from an expression) is used as is. */
export function parseReplacements(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') return [value];
  return value.split(',').map((s) => s.trim().replace(/^(['"])(.*)\1$/, '$2'));
}
