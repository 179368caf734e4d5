import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowJson } from '@tandem/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/harness.ts';

const script = fileURLToPath(new URL('./fixtures/embedded-process.ts', import.meta.url));

/** Webhook → Before (log) → Shape (pure) → Crash → After (log); the first Crash run kills the process. */
const flow: WorkflowJson = {
  name: 'crash',
  nodes: [
    {
      id: 'w',
      name: 'Webhook',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0],
      parameters: { httpMethod: 'POST', path: 'crash', responseMode: 'lastNode' },
    },
    ...['Before', 'Shape', 'Crash', 'After'].map((name, i) => ({
      id: `n${i}`,
      name,
      type: name === 'Crash' ? 'crash' : name === 'Shape' ? 'pureLog' : 'log',
      typeVersion: 1,
      position: [200 * (i + 1), 0] as [number, number],
      parameters: {},
    })),
  ],
  connections: {
    Webhook: { main: [[{ node: 'Before', type: 'main', index: 0 }]] },
    Before: { main: [[{ node: 'Shape', type: 'main', index: 0 }]] },
    Shape: { main: [[{ node: 'Crash', type: 'main', index: 0 }]] },
    Crash: { main: [[{ node: 'After', type: 'main', index: 0 }]] },
  },
  settings: {},
};

describe('embedded mode (SQLite, one process): kill -9 mid-execution', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-crash-'));
  const log = path.join(dir, 'runs.log');
  const children: ChildProcess[] = [];
  let url = '';

  // Strict by default: no TANDEM_CHECKPOINT_DELAY_MS from the environment of whoever runs the tests.
  const { TANDEM_CHECKPOINT_DELAY_MS: _, ...env } = process.env;
  const start = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(process.execPath, [script, path.join(dir, 'data'), log], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /LISTENING (\S+)/.exec(out);
        if (m) {
          url = m[1];
          resolve(child);
        }
      });
      child.on('exit', (code, signal) => reject(new Error(`exited ${code ?? signal}`)));
    });

  beforeAll(() => start(), 30_000);
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after the last committed node: finished nodes with effects are not run again, even among concurrent runs', {
    timeout: 60_000,
  }, async () => {
    const client = new TestClient(url);
    await client.register('crash@example.com');
    const id = (await client.post('/api/workflows', flow)).json.id as string;
    expect((await client.post(`/api/workflows/${id}/publish`)).status).toBe(201);
    const victim = children[0];
    const died = new Promise((r) => victim.once('exit', (_code, signal) => r(signal)));
    // 20 runs in flight share group commits; the first to reach Crash kills the process (no answer comes back).
    const calls = Array.from({ length: 20 }, () =>
      fetch(`${url}/webhook/crash`, { method: 'POST', body: '{}' }).catch(() => null),
    );
    expect(await died).toBe('SIGKILL');
    await Promise.all(calls);
    const beforeCrash = readFileSync(log, 'utf8').trim().split('\n');
    expect(existsSync(`${log}.crashed`)).toBe(true);

    await start();
    // Same session (stored in the database); the new process listens on another port.
    const restarted = new TestClient(url);
    restarted.cookie = client.cookie;
    let rows: { id: string; status: string }[] = [];
    await expect
      .poll(
        async () => {
          rows = (await restarted.get(`/api/executions?workflowId=${id}&limit=100`)).json.data;
          return rows.length > 0 && rows.every((r) => r.status === 'succeeded');
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(true);
    const runs = readFileSync(log, 'utf8').trim().split('\n');
    const count = (exec: string, node: string) => runs.filter((l) => l === `${exec}:${node}`).length;
    const reachedCrash = new Set(
      beforeCrash.filter((l) => l.endsWith(':Crash')).map((l) => l.slice(0, -':Crash'.length)),
    );
    expect(reachedCrash.size).toBeGreaterThan(0);
    for (const r of rows) {
      // A run that had started Crash had its Before committed first: Before ran exactly once. Shape, pure, was
      // only buffered: it ran again with Crash.
      if (reachedCrash.has(r.id)) {
        expect(count(r.id, 'Before'), r.id).toBe(1);
        expect(count(r.id, 'Shape'), r.id).toBe(2);
      } else expect(count(r.id, 'Before')).toBeGreaterThanOrEqual(1);
      expect(count(r.id, 'After'), r.id).toBe(1);
      const full = (await restarted.get(`/api/executions/${r.id}`)).json;
      expect(Object.keys(full.runData).sort()).toEqual(['After', 'Before', 'Crash', 'Shape', 'Webhook']);
    }
    // Calls not yet stored when the process died are simply gone (they were never acknowledged).
    expect(rows.length).toBeGreaterThanOrEqual(reachedCrash.size);
  });
});
