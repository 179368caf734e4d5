import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteGroupCommit } from './sqlite-group-commit.ts';

describe('sqliteGroupCommit', () => {
  let client: Database.Database;
  afterEach(() => client?.close());

  const open = () => {
    client = new Database(':memory:');
    client.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    return sqliteGroupCommit(client);
  };

  it('commits all writes of one event-loop turn in one transaction, in order, resolving after the commit', async () => {
    const group = open();
    const insert = client.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    const writes = Array.from({ length: 50 }, (_, i) =>
      group.write(() => {
        // Inside the group transaction from the first write on.
        expect(client.inTransaction).toBe(true);
        return insert.run(i, `v${i}`).changes;
      }),
    );
    expect(group.pending).toBe(50);
    // Nothing is visible before the flush: the callers have not been told "stored" yet.
    expect(client.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    const results = await Promise.all(writes);
    expect(results).toEqual(Array(50).fill(1));
    expect(client.inTransaction).toBe(false);
    expect(client.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 50 });
  });

  it('rejects only the write that failed; the others of the batch commit', async () => {
    const group = open();
    const insert = client.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    const a = group.write(() => insert.run(1, 'a'));
    const bad = group.write(() => insert.run(1, 'duplicate')); // primary key conflict
    const c = group.write(() => insert.run(3, 'c'));
    await expect(bad).rejects.toThrow(/UNIQUE|PRIMARY/i);
    await a;
    await c;
    expect(client.prepare('SELECT id FROM t ORDER BY id').all()).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('rejects every write of a batch whose commit fails', async () => {
    const group = open();
    const insert = client.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    client.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); PRAGMA foreign_keys = ON;');
    client.exec('CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    const ok = group.write(() => insert.run(1, 'a'));
    const orphan = group.write(() => client.prepare('INSERT INTO child (p) VALUES (42)').run());
    await expect(ok).rejects.toThrow(/FOREIGN KEY/i);
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/i);
    expect(client.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
  });
});
