import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import type { MultiStatementConnection } from './executions-mysql-writer.ts';
import * as sqliteSchema from './schema-sqlite.ts';

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * The repositories are written once against this type. The MySQL tables have the same JS names and the
 * query-builder calls used here (select/insert/update/delete with where) behave the same on both drivers.
 */
export type Db = ReturnType<typeof drizzleSqlite<typeof sqliteSchema>>;
export type Tables = typeof sqliteSchema;

export type Connection = {
  dialect: 'sqlite' | 'mysql';
  db: Db;
  t: Tables;
  /** Rows changed by an update/delete result, on either driver. */
  affected(result: unknown): number;
  /** MySQL: a connection that takes several statements in one query (the executions group commit). */
  multiStatement?: () => Promise<MultiStatementConnection>;
  /** MySQL: the server's max_allowed_packet (read at connect): the most bytes one query may carry. */
  maxPacketBytes?: number;
  close(): Promise<void>;
};

export type DatabaseTarget = { dialect: 'sqlite'; file: string } | { dialect: 'mysql'; url: string };

/** Opens the database, creating it (SQLite file or MySQL database) when missing, and applies pending migrations. */
export async function openDatabase(target: DatabaseTarget): Promise<Connection> {
  return target.dialect === 'sqlite' ? openSqlite(target.file) : openMysql(target.url);
}

/**
 * On a SQLite client whose execution writer thread (executions-sqlite.ts) was started: set when the client closes,
 * resolves once that thread committed what it held and closed its own connection.
 */
export const writerClosed = Symbol('writerClosed');

function openSqlite(file: string): Connection {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const client = keepStatementsAlive(new Database(file));
  // exec, not pragma(): pragma() prepares a throwaway statement outside the cache below (see keepStatementsAlive).
  client.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;',
  );
  const db = drizzleSqlite(client, { schema: sqliteSchema });
  migrateSqlite(db, { migrationsFolder: path.join(MIGRATIONS, 'sqlite') });
  return {
    dialect: 'sqlite',
    db,
    t: sqliteSchema,
    affected: (r) => (r as { changes: number }).changes,
    close: async () => {
      client.close();
      await (client as unknown as { [writerClosed]?: Promise<void> })[writerClosed];
    },
  };
}

/**
 * better-sqlite3 12 on Node 24 aborts the process (`Assertion failed: (env) != nullptr` in
 * RemoveEnvironmentCleanupHook) when the garbage collector finalizes a Statement at a moment when no Node environment
 * is current, e.g. inside a microtask checkpoint. drizzle prepares a new statement for every query, so statements
 * become garbage all the time. Preparing each SQL text once and keeping it means no statement is ever collected.
 * The number of distinct SQL texts is bounded by the code (plus IN-list lengths), so the cache stays small.
 */
function keepStatementsAlive(client: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = client.prepare.bind(client);
  client.prepare = ((sql: string) => {
    const cached = cache.get(sql);
    if (!cached) {
      const stmt = prepare(sql);
      cache.set(sql, stmt);
      return stmt;
    }
    // Modes are sticky on a statement; a reused one starts from the defaults like a fresh one would.
    if (cached.reader) cached.raw(false).pluck(false).expand(false);
    return cached;
  }) as typeof client.prepare;
  return client;
}

async function openMysql(url: string): Promise<Connection> {
  // The MySQL driver, its drizzle dialect and schema are production mode's: embedded mode never loads them.
  const [{ drizzle: drizzleMysql }, { migrate: migrateMysql }, { default: mysql }, mysqlSchema] =
    await Promise.all([
      import('drizzle-orm/mysql2'),
      import('drizzle-orm/mysql2/migrator'),
      import('mysql2/promise'),
      import('./schema-mysql.ts'),
    ]);
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'tandem';
  if (!/^[A-Za-z0-9_$-]{1,64}$/.test(database)) throw new Error(`invalid DATABASE_URL: bad database name`);
  const base = {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
  };
  const admin = await mysql.createConnection(base);
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
    );
  } finally {
    await admin.end();
  }
  const pool = mysql.createPool({
    ...base,
    database,
    connectionLimit: 10,
    supportBigNumbers: true,
    timezone: 'Z',
  });
  // Several processes start at once in production mode: one applies migrations, the others wait on the lock.
  const conn = await pool.getConnection();
  let maxPacketBytes: number;
  try {
    await conn.query('SELECT GET_LOCK(?, 60)', [`tandem_migrate_${database}`]);
    await migrateMysql(drizzleMysql(conn as never), { migrationsFolder: path.join(MIGRATIONS, 'mysql') });
    await conn.query('SELECT RELEASE_LOCK(?)', [`tandem_migrate_${database}`]);
    const [rows] = await conn.query('SELECT @@max_allowed_packet AS packet');
    maxPacketBytes = Number((rows as Array<{ packet: number | string }>)[0].packet);
  } finally {
    conn.release();
  }
  const db = drizzleMysql(pool, { schema: mysqlSchema, mode: 'default' });
  // The group commit's own connections (executions-mysql-writer.ts): one batch in flight per connection.
  const batches = mysql.createPool({
    ...base,
    database,
    connectionLimit: 2,
    multipleStatements: true,
    // No caller stack captured per query (an Error per batch): the caller is always the writer.
    trace: false,
    supportBigNumbers: true,
    timezone: 'Z',
  });
  return {
    dialect: 'mysql',
    db: db as unknown as Db,
    t: mysqlSchema as unknown as Tables,
    affected: (r) => {
      const header = Array.isArray(r) ? r[0] : r;
      return (header as { affectedRows: number }).affectedRows;
    },
    multiStatement: () => batches.getConnection(),
    maxPacketBytes,
    close: async () => {
      await Promise.all([pool.end(), batches.end()]);
    },
  };
}
