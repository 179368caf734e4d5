// Production-mode cost per webhook call, less disturbed by a loaded machine than req/s: CPU ms per request of the
// api and the workers (from /proc/<pid>/stat), MariaDB commits and redo-log fsyncs per request, Redis commands per
// request, besides req/s and p50/p99. Waits until the queue is drained after each load, so S1's backlog is counted.
//   node bench/webhooks/cost.ts [--duration 8] [--conns 50] [--scenarios s1,s2,s3] [--workers 2]
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cpuSeconds } from '../collab/procs.ts';
import { PEERS, publishScenarios } from './scenarios.ts';
import { serverEnv, serverProcs } from './servers.ts';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const duration = Number(opt('duration', '8'));
const conns = Number(opt('conns', '50'));
const scenarios = opt('scenarios', 's1,s2,s3').split(',');
const workers = Number(opt('workers', '2'));
const run = promisify(execFile);

const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-cost-'));
const dbName = `tandem_cost_${Date.now().toString(36)}`;
const prefix = `tcost${Date.now().toString(36)}`;
const { procs, start, stopAll } = serverProcs(
  serverEnv(dataDir, {
    DATABASE_URL: `mysql://root@127.0.0.1:3306/${dbName}`,
    REDIS_URL: 'redis://127.0.0.1:6379/3',
    REDIS_PREFIX: prefix,
  }),
);
const cpuMs = (pid: number) => cpuSeconds(pid) * 1000;
const mysqlStatus = async () => {
  const { stdout } = await run('mysql', [
    '-uroot',
    '-h127.0.0.1',
    '-N',
    '-e',
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_commit','Innodb_data_fsyncs','Questions')",
  ]);
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((l) => [l.split('\t')[0], Number(l.split('\t')[1])]),
  );
};
/** Calls per Redis command (INFO commandstats). */
const redisCommands = async () => {
  const { stdout } = await run('redis-cli', ['INFO', 'commandstats']);
  const out: Record<string, number> = {};
  for (const m of stdout.matchAll(/cmdstat_(\w+(?:\|\w+)?):calls=(\d+)/g)) out[m[1]] = Number(m[2]);
  return out;
};
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const unfinished = async () => {
  const { stdout } = await run('mysql', [
    '-uroot',
    '-h127.0.0.1',
    '-N',
    '-e',
    `SELECT count(*) FROM \`${dbName}\`.executions WHERE status IN ('queued','running')`,
  ]);
  return Number(stdout.trim());
};

try {
  const first = await start('api');
  await publishScenarios(first.url!, scenarios);
  for (let i = 0; i < workers; i++) await start('worker');
  const pids = procs.map((p) => p.pid!);
  // The servers: their CPU is this load's too (the machine may run other things; these two are ours mostly).
  const servers = await Promise.all(
    ['redis-server', 'mariadbd'].map(async (name) =>
      Number((await run('pidof', [name]).catch(() => ({ stdout: '0' }))).stdout.trim().split(' ')[0]),
    ),
  );
  console.log(
    '| scenario | conns | req/s | p50 ms | p99 ms | errors | api CPU ms/req | workers CPU ms/req | commits/req | data fsyncs/req | redis cmds/req | redis CPU ms/req | mariadb CPU ms/req |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of scenarios) {
    const url = `${first.url}/webhook/${s}`;
    await run('wrk', ['-t1', '-c10', '-d2s', '-s', path.join(PEERS, 'load/post-json.lua'), url]);
    while ((await unfinished()) > 0) await new Promise((r) => setTimeout(r, 200));
    const cpu0 = pids.map(cpuMs);
    const srv0 = servers.map((p) => (p ? cpuMs(p) : 0));
    const [my0, rc0] = [await mysqlStatus(), await redisCommands()];
    const { stdout } = await run(
      'wrk',
      ['-t1', `-c${conns}`, `-d${duration}s`, '--latency', '-s', path.join(PEERS, 'load/post-json.lua'), url],
      { maxBuffer: 1 << 24 },
    );
    while ((await unfinished()) > 0) await new Promise((r) => setTimeout(r, 100));
    const cpu1 = pids.map(cpuMs);
    const srv1 = servers.map((p) => (p ? cpuMs(p) : 0));
    const [my1, rc1] = [await mysqlStatus(), await redisCommands()];
    const r = JSON.parse(/WRKJSON (.*)/.exec(stdout)![1]);
    const n = r.requests as number;
    const errors = r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout + r.errors.non2xx3xx;
    const api = (cpu1[0] - cpu0[0]) / n;
    const wk = cpu1.slice(1).reduce((a, c, i) => a + c - cpu0[i + 1], 0) / n;
    const per = (k: string) => ((my1[k] - my0[k]) / n).toFixed(2);
    console.log(
      `| ${s.toUpperCase()} | ${conns} | ${r.rps.toFixed(0)} | ${r.lat_ms.p50.toFixed(1)} | ${r.lat_ms.p99.toFixed(1)} | ${errors} | ${api.toFixed(2)} | ${wk.toFixed(2)} | ${per('Com_commit')} | ${per('Innodb_data_fsyncs')} | ${((sum(rc1) - sum(rc0)) / n).toFixed(1)} | ${((srv1[0] - srv0[0]) / n).toFixed(2)} | ${((srv1[1] - srv0[1]) / n).toFixed(2)} |`,
    );
    if (process.env.COST_REDIS_DETAIL) {
      const d = Object.entries(rc1).map(([k, v]) => [k, (v - (rc0[k] ?? 0)) / n] as const);
      console.log(
        d
          .filter(([, v]) => v > 0.05)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${v.toFixed(2)}`)
          .join(', '),
      );
    }
  }
} finally {
  await stopAll();
  rmSync(dataDir, { recursive: true, force: true });
  await run('mysql', ['-uroot', '-h127.0.0.1', '-e', `DROP DATABASE IF EXISTS \`${dbName}\``]);
  await run('sh', [
    '-c',
    `redis-cli -n 3 --scan --pattern '${prefix}*' | xargs -r redis-cli -n 3 del >/dev/null`,
  ]);
}
