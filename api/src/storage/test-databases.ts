import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { DatabaseTarget } from './db.ts';

export const MYSQL_TEST_URL = process.env.TANDEM_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';

export type TestDatabase = { name: string; target: DatabaseTarget; drop(): Promise<void> };

/**
 * A fresh, empty database for one test file: a SQLite file in a temp folder, or a MariaDB database of its own.
 * Call `drop()` in afterAll.
 */
export async function freshDatabase(dialect: 'sqlite' | 'mysql'): Promise<TestDatabase> {
  const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-test-'));
    return {
      name: 'sqlite',
      target: { dialect: 'sqlite', file: path.join(dir, 'tandem.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = `tandem_t_${suffix}`;
  return {
    name: 'mysql',
    target: { dialect: 'mysql', url: `${MYSQL_TEST_URL}/${db}` },
    drop: async () => {
      const conn = await mysql.createConnection(MYSQL_TEST_URL);
      await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
      await conn.end();
    },
  };
}

/** Both backends, for `describe.each(BACKENDS)`. */
export const BACKENDS = ['sqlite', 'mysql'] as const;
