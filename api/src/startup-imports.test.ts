import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

// Packages only production mode, one node type or one AI feature needs: embedded mode must not load them at start
// (each costs 5-35 MiB of idle memory and up to 0.3 s of start-up; see bench/webhooks/idle.ts).
const HEAVY = [
  'openai',
  'bullmq',
  'ioredis',
  'mysql2',
  'cheerio',
  'nodemailer',
  'isolated-vm',
  'fast-xml-parser',
  'y-websocket',
];

describe('embedded start-up', () => {
  it('loads no production-only or per-node heavy package', () => {
    // What `./tandem start` imports before it serves, in a fresh process that records every resolved module.
    const script = `
      import { registerHooks } from 'node:module';
      const seen = new Set();
      registerHooks({ resolve(s, c, next) { const r = next(s, c); seen.add(r.url); return r; } });
      for (const m of ['runtime.ts', 'node-runtime.ts', 'execution-process.ts', 'server.ts', 'collab-process.ts'])
        await import(new URL(m, ${JSON.stringify(`file://${here}/`)}).href);
      const pkgs = new Set([...seen].flatMap((u) => /.*\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(u)?.[1] ?? []));
      process.stdout.write(JSON.stringify([...pkgs]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: here,
      encoding: 'utf8',
    });
    const loaded: string[] = JSON.parse(out);
    expect(loaded).toContain('better-sqlite3');
    expect(loaded.filter((p) => HEAVY.includes(p))).toEqual([]);
  });
});
