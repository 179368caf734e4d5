import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = path.dirname(fileURLToPath(import.meta.url));

describe('SQLite under garbage-collection pressure (better-sqlite3 12 on Node 24)', () => {
  it('survives thousands of queries with a tiny young generation (statements are never finalized by the GC)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-gc-'));
    try {
      const script = `
        import { createStorage } from ${JSON.stringify(path.join(HERE, 'index.ts'))};
        const s = await createStorage({ dialect: 'sqlite', file: ${JSON.stringify(path.join(dir, 't.db'))} });
        const mode = s.conn.db.$client.prepare('PRAGMA journal_mode').get();
        for (let i = 0; i < 3000; i++) {
          await s.settings.get();
          await s.users.byEmail('nobody' + (i % 7) + '@example.com');
          await Promise.resolve();
        }
        await s.close();
        console.log(JSON.stringify(mode));
      `;
      const res = spawnSync(
        process.execPath,
        ['--max-semi-space-size=1', '--input-type=module', '-e', script],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(res.signal, res.stderr).toBeNull();
      expect(res.status, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout.trim())).toEqual({ journal_mode: 'wal' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
