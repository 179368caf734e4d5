// Server CPU per webhook request, A/B interleaved: starts one embedded Tandem per source tree (`--roots a,b`,
// default: this tree), publishes the scenarios on each, then loads them in turn (A B A B …) with wrk and prints
// req/s, p99 and the server's CPU µs per request (utime + stime of /proc/<pid>/stat over the run), which the
// machine's other load disturbs far less than req/s. Medians per tree and scenario at the end.
//   node bench/webhooks/cpu.ts [--roots /tmp/base,.] [--rounds 3] [--duration 5] [--conns 10] [--scenarios s1,s2]
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cpuSeconds, minorFaults, threadCpuSeconds } from '../collab/procs.ts';
import { hit, PEERS, publishScenarios, tandemNodeArgs } from './scenarios.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const roots = opt('roots', path.join(here, '../..'))
  .split(',')
  .map((r) => path.resolve(r));
const rounds = Number(opt('rounds', '3'));
const duration = Number(opt('duration', '5'));
const conns = opt('conns', '10').split(',').map(Number);
const scenarios = opt('scenarios', 's1,s2').split(',');

const procs: ChildProcess[] = [];
const dirs: string[] = [];
async function startServer(root: string, index: number): Promise<{ url: string; pid: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-cpu-'));
  dirs.push(dataDir);
  const child = spawn(
    process.execPath,
    [
      ...tandemNodeArgs(root),
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      // BENCH_NODE_ARGS_<i>: node flags for the server of the i-th root only (A/B of a flag: --roots .,.).
      ...(process.env[`BENCH_NODE_ARGS_${index}`] ?? '').split(' ').filter(Boolean),
      path.join(root, 'bench/webhooks/server.ts'),
      'start',
    ],
    {
      env: {
        ...(process.env as Record<string, string>),
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        WEBHOOK_RATE_PER_PATH: '1000000',
        WEBHOOK_RATE_PER_IP: '1000000',
        WEBHOOK_MAX_PENDING_PER_PATH: '100000',
        // BENCH_ENV_<i>: environment of the i-th root's server only, "A=1 B=2" (A/B of a setting: --roots .,.).
        ...Object.fromEntries(
          (process.env[`BENCH_ENV_${index}`] ?? '')
            .split(' ')
            .filter(Boolean)
            .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
        ),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  procs.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      // BENCH_SERVER_LOG=<file> keeps the servers' output (e.g. with BENCH_NODE_ARGS=--trace-gc).
      if (process.env.BENCH_SERVER_LOG) appendFileSync(process.env.BENCH_SERVER_LOG, d);
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server in ${root} exited with ${code}`)));
  });
  await publishScenarios(url, scenarios);
  for (const s of scenarios) if (!(await hit(url, s))) throw new Error(`${root}: ${s} answers wrongly`);
  return { url, pid: child.pid! };
}
const wrk = async (url: string, c: number, seconds: number) => {
  const { stdout } = await promisify(execFile)(
    'wrk',
    ['-t1', `-c${c}`, `-d${seconds}s`, '--latency', '-s', path.join(PEERS, 'load/post-json.lua'), url],
    { maxBuffer: 1 << 24 },
  );
  return JSON.parse(/WRKJSON (.*)/.exec(stdout)![1]);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = new Map<string, { rps: number[]; p99: number[]; cpu: number[]; main: number[] }>();
try {
  const servers = [];
  for (const [i, r] of roots.entries()) servers.push(await startServer(r, i));
  for (let round = 0; round < rounds; round++) {
    for (const s of scenarios) {
      for (const c of conns) {
        for (const [i, srv] of servers.entries()) {
          const url = `${srv.url}/webhook/${s}`;
          if (round === 0) await wrk(url, c, 2);
          const t0 = cpuSeconds(srv.pid);
          const m0 = cpuSeconds(srv.pid, srv.pid);
          const th0 = threadCpuSeconds(srv.pid);
          const f0 = minorFaults(srv.pid);
          const r = await wrk(url, c, duration);
          const threads = [...threadCpuSeconds(srv.pid)]
            .map(([name, t]) => [name, ((t - (th0.get(name) ?? 0)) * 1e6) / r.requests] as const)
            .filter(([, us]) => us >= 1)
            .map(([name, us]) => `${name} ${us.toFixed(0)}`)
            .join(', ');
          const us = ((cpuSeconds(srv.pid) - t0) * 1e6) / r.requests;
          const mainUs = ((cpuSeconds(srv.pid, srv.pid) - m0) * 1e6) / r.requests;
          const faults = (minorFaults(srv.pid) - f0) / r.requests;
          const key = `${s} c${c} ${path.basename(roots[i])}#${i}`;
          const e = results.get(key) ?? { rps: [], p99: [], cpu: [], main: [] };
          e.rps.push(r.rps);
          e.p99.push(r.lat_ms.p99);
          e.cpu.push(us);
          e.main.push(mainUs);
          results.set(key, e);
          const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
          process.stderr.write(
            `${key}\t${r.rps.toFixed(0)} req/s\tp99 ${r.lat_ms.p99.toFixed(1)} ms\t${us.toFixed(0)} µs/req (main thread ${mainUs.toFixed(0)}; by thread: ${threads})\t${faults.toFixed(2)} faults/req\tload ${load}\n`,
          );
        }
      }
    }
  }
  console.log('| run | req/s | p99 ms | CPU µs/req | main thread µs/req |\n|---|---|---|---|---|');
  for (const [k, e] of results)
    console.log(
      `| ${k} | ${median(e.rps).toFixed(0)} | ${median(e.p99).toFixed(1)} | ${median(e.cpu).toFixed(0)} | ${median(e.main).toFixed(0)} |`,
    );
} finally {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
