// Webhook benchmark: imports the three n8n workflows of ../shared/bench/peers/n8n unchanged, publishes them and
// loads them with wrk exactly like the peers (see /work/shared/bench/README.md; like run-peers.sh it waits after the
// warm-up and after each load until the servers are idle). Prints req/s, p50, p99, errors, RSS, cold start and idle
// memory.
//   node bench/webhooks/run.ts [embedded|production] [--duration 30] [--warmup 10] [--conns 10,50] [--scenarios s1,s2,s3]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cpuSeconds } from '../collab/procs.ts';
import { hit, PEERS, publishScenarios } from './scenarios.ts';
import { serverEnv, serverProcs } from './servers.ts';

const args = process.argv.slice(2);
const mode = args[0] === 'production' ? 'production' : 'embedded';
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const duration = Number(opt('duration', '30'));
const warmup = Number(opt('warmup', '10'));
const conns = opt('conns', '10,50').split(',').map(Number);
const scenarios = opt('scenarios', 's1,s2,s3').split(',');

const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-'));
const dbName = `tandem_bench_${Date.now().toString(36)}`;
// Redis database of production mode, flushed after the run: BENCH_REDIS_DB keeps parallel benches apart.
const redisDb = process.env.BENCH_REDIS_DB ?? '3';
const env = serverEnv(
  dataDir,
  mode === 'production'
    ? {
        DATABASE_URL: `mysql://root@127.0.0.1:3306/${dbName}`,
        REDIS_URL: `redis://127.0.0.1:6379/${redisDb}`,
      }
    : {},
);
const { start, stopAll } = serverProcs(env);
const rssMiB = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return sum + (m ? Number(m[1]) / 1024 : 0);
  }, 0);

/** CPU seconds used so far by the processes (those gone are left out). */
const cpuOf = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      return sum + cpuSeconds(pid);
    } catch {
      return sum;
    }
  }, 0);

/**
 * As the peers' run-peers.sh does (drain_idle): waits until the server processes use under 50 ms of CPU per second,
 * twice in a row (at most 120 s), so work a load left behind (S1 answers before its run, which may still be queued)
 * is not measured with the next load. Answers the seconds it waited.
 */
async function drainIdle(pids: number[]): Promise<number> {
  let calm = 0;
  for (let i = 1; i <= 120; i++) {
    const before = cpuOf(pids);
    await new Promise((r) => setTimeout(r, 1000));
    if (cpuOf(pids) - before < 0.05) {
      if (++calm >= 2) return i;
    } else calm = 0;
  }
  return 120;
}

async function startTandem(): Promise<{ url: string; pids: number[] }> {
  if (mode === 'embedded') {
    const { child, url } = await start('start');
    return { url: url!, pids: [child.pid!] };
  }
  const [api, w1, w2] = await Promise.all([start('api'), start('worker'), start('worker')]);
  return { url: api.url!, pids: [api.child.pid!, w1.child.pid!, w2.child.pid!] };
}

const wrk = async (url: string, c: number, seconds: number) => {
  const { stdout } = await promisify(execFile)(
    'wrk',
    ['-t1', `-c${c}`, `-d${seconds}s`, '--latency', '-s', path.join(PEERS, 'load/post-json.lua'), url],
    {
      maxBuffer: 1 << 24,
    },
  );
  return JSON.parse(/WRKJSON (.*)/.exec(stdout)![1]);
};

const rows: string[][] = [];
try {
  // First start: create the user, import and publish. Then restart to measure cold start on published workflows.
  const first = await startTandem();
  await publishScenarios(first.url, scenarios);
  await stopAll();
  const t0 = performance.now();
  const { url, pids } = await startTandem();
  while (!(await hit(url, scenarios[0]))) await new Promise((r) => setTimeout(r, 10));
  const coldMs = performance.now() - t0;
  // Idle as bench/webhooks/idle.ts measures it: 5 s, by when the start-up heap trim (api/src/heap-trim.ts) ran.
  await new Promise((r) => setTimeout(r, 5000));
  const idle = rssMiB(pids);
  for (const s of scenarios) {
    if (!(await hit(url, s))) {
      const res = await fetch(`${url}/webhook/${s}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"value":21,"name":"bench"}',
      });
      throw new Error(`${s} does not answer correctly: ${res.status} ${await res.text()}`);
    }
    for (const c of conns) {
      if (warmup > 0) await wrk(`${url}/webhook/${s}`, c, warmup);
      const drained = await drainIdle(pids);
      const r = await wrk(`${url}/webhook/${s}`, c, duration);
      const after = await drainIdle(pids);
      const errors =
        r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout + r.errors.non2xx3xx;
      rows.push([
        s.toUpperCase(),
        String(c),
        r.rps.toFixed(0),
        r.lat_ms.p50.toFixed(1),
        r.lat_ms.p99.toFixed(1),
        String(errors),
        rssMiB(pids).toFixed(0),
      ]);
      process.stderr.write(`${rows.at(-1)!.join('\t')}\t(drained ${drained} s before, ${after} s after)\n`);
    }
  }
  console.log(
    `\nTandem ${mode} mode (${mode === 'production' ? 'MariaDB + Redis, api + 2 workers' : 'SQLite, one process'}), every execution recorded with run data`,
  );
  console.log(
    `wrk -t1 -c{${conns}} -d${duration}s after ${warmup}s warm-up; cold start ${coldMs.toFixed(0)} ms; idle RSS ${idle.toFixed(0)} MiB\n`,
  );
  console.log('| scenario | conns | req/s | p50 ms | p99 ms | errors | RSS end (MiB) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} finally {
  await stopAll();
  rmSync(dataDir, { recursive: true, force: true });
  if (mode === 'production') {
    await promisify(execFile)('mariadb', [
      '-uroot',
      '-h127.0.0.1',
      '-e',
      `DROP DATABASE IF EXISTS \`${dbName}\``,
    ]).catch(() => {});
    await promisify(execFile)('redis-cli', ['-n', redisDb, 'flushdb']).catch(() => {});
  }
}
