// Live-event delay: from the moment a worker publishes an execution event to the moment a viewer's SSE stream
// (GET /api/workflows/{id}/events) delivers it. Embedded mode (one process) and production mode (api + worker
// processes, MariaDB, events over Redis). Usage: node bench/events/run.ts [--runs 200] [--mode embedded|production|both]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDatabase } from '../../api/src/storage/test-databases.ts';
import { TestClient } from '../../api/src/test-support/harness.ts';
import { portOf, spawnTandem, type TandemProcess } from '../../api/src/test-support/processes.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const RUNS = Number(arg('runs', '200'));
const MODE = arg('mode', 'both');

const workflow = {
  name: 'Events bench',
  nodes: [
    { id: 's', name: 'Start', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    ...[1, 2, 3].map((i) => ({
      id: `n${i}`,
      name: `Step ${i}`,
      type: 'set',
      typeVersion: 3.4,
      position: [i * 200, 0],
      parameters: { mode: 'raw', jsonOutput: `={{ { "step": ${i} } }}` },
    })),
  ],
  connections: {
    Start: { main: [[{ node: 'Step 1', type: 'main', index: 0 }]] },
    'Step 1': { main: [[{ node: 'Step 2', type: 'main', index: 0 }]] },
    'Step 2': { main: [[{ node: 'Step 3', type: 'main', index: 0 }]] },
  },
  settings: { executionOrder: 'v1' },
};

const pct = (xs: number[], p: number) =>
  xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function measure(base: string): Promise<number[]> {
  const c = new TestClient(base);
  await c.register(`bench-${Date.now()}@example.com`);
  const id = (await c.post('/api/workflows', workflow)).json.id;
  const delays: number[] = [];
  let finished = 0;
  const controller = new AbortController();
  const res = await fetch(`${base}/api/workflows/${id}/events`, {
    headers: { cookie: c.cookie },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, i))?.[1];
        buffer = buffer.slice(i + 2);
        if (!data) continue;
        const e = JSON.parse(data) as { type?: string; at?: number };
        if (typeof e.at === 'number') delays.push(Date.now() - e.at);
        if (e.type === 'execution.finished') finished++;
      }
    }
  })();
  await new Promise((r) => setTimeout(r, 200));
  for (let i = 0; i < RUNS; i++) {
    await c.post(`/api/workflows/${id}/execute`, { draft: true });
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 20)); // a viewer's pace, not a flood
  }
  const deadline = Date.now() + 30_000;
  while (finished < RUNS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  controller.abort();
  await reading;
  return delays;
}

const rows: string[][] = [];
async function run(mode: 'embedded' | 'production') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-events-'));
  const procs: TandemProcess[] = [];
  const db = mode === 'production' ? await freshDatabase('mysql') : undefined;
  try {
    const env: Record<string, string> = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };
    if (db)
      Object.assign(env, {
        DATABASE_URL: (db.target as { url: string }).url,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `bench-ev-${Date.now()}`,
      });
    const api = await spawnTandem(mode === 'embedded' ? 'start' : 'api', env, /Tandem is up/);
    procs.push(api);
    if (mode === 'production') procs.push(await spawnTandem('worker', env, /worker is up/));
    const delays = await measure(`http://127.0.0.1:${portOf(api)}`);
    rows.push([
      mode,
      String(RUNS),
      String(delays.length),
      String(pct(delays, 50)),
      String(pct(delays, 99)),
      String(Math.max(...delays)),
    ]);
  } finally {
    for (const p of procs) await p.kill();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (MODE === 'embedded' || MODE === 'both') await run('embedded');
if (MODE === 'production' || MODE === 'both') await run('production');
console.log('\nLive execution events, worker publish → viewer SSE (ms). Goal: p99 ≤ 100.\n');
console.log('| mode | executions | events | p50 | p99 | max |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
