import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Loads drizzle in a fresh process (with or without the preload), runs a query, lists the modules it loaded. */
function load(preload: boolean): { rows: unknown[]; modules: string[] } {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = new Set();
    registerHooks({ resolve(s, c, next) { const r = next(s, c); if (r.url.includes('/drizzle-orm/')) seen.add(r.url); return r; } });
    const { default: Database } = await import('better-sqlite3');
    const { drizzle } = await import('drizzle-orm/better-sqlite3');
    const { sqliteTable, text, integer } = await import('drizzle-orm/sqlite-core');
    const { eq } = await import('drizzle-orm');
    const t = sqliteTable('t', { id: integer('id').primaryKey(), name: text('name') });
    const client = new Database(':memory:');
    client.exec('create table t (id integer primary key, name text)');
    const db = drizzle(client);
    db.insert(t).values([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]).run();
    const rows = db.select().from(t).where(eq(t.name, 'b')).all();
    process.stdout.write(JSON.stringify({ rows, modules: [...seen].sort() }));`;
  const args = [
    ...(preload ? ['--import', './src/resolve-hooks.ts'] : []),
    '--input-type=module',
    '-e',
    script,
  ];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: path.join(here, '..'), encoding: 'utf8' }));
}

describe('resolve-hooks preload (drizzle-orm shortcut)', () => {
  it('resolves drizzle to the very same modules as Node does, and queries work', () => {
    const plain = load(false);
    const hooked = load(true);
    expect(hooked.rows).toEqual([{ id: 2, name: 'b' }]);
    expect(plain.modules.length).toBeGreaterThan(50);
    // Same URLs: no module is loaded twice under another name (drizzle's `is()` checks rely on one instance).
    expect(hooked.modules).toEqual(plain.modules);
  });
});
