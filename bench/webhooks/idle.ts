// Embedded-mode start-up footprint, as `./tandem start` runs it (api/src/cli.ts start, same node flags and compile
// cache): publishes the S1 workflow on a temp DATA_DIR, restarts, then prints cold start (process start → first
// correct S1 answer), idle RSS after `--idle` seconds and the number of loaded modules.
//   node bench/webhooks/idle.ts [--runs 3] [--idle 5] [--node-args "--max-semi-space-size=1"]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hit, publishScenarios, TANDEM_NODE_ARGS } from './scenarios.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : def;
};
const runs = Number(opt('runs', '3'));
const idleSeconds = Number(opt('idle', '5'));
const extraNodeArgs = opt('node-args', '').split(' ').filter(Boolean);

const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-idle-'));
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  TANDEM_PRINT_URL: '1',
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(tmpdir(), 'tandem-node-compile-cache'),
};
delete env.DATABASE_URL;
delete env.REDIS_URL;

function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...TANDEM_NODE_ARGS, ...extraNodeArgs, 'api/src/cli.ts', 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /→ open (\S+)/.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`tandem exited with ${code}: ${err}`)));
  });
}
async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
const status = (pid: number, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) /
  1024;

try {
  const first = await start();
  await publishScenarios(first.url, ['s1']);
  await stop(first.child);
  console.log('| run | cold start ms | idle RSS MiB | client GET / |');
  console.log('|---|---|---|---|');
  for (let i = 1; i <= runs; i++) {
    const t0 = performance.now();
    const { child, url } = await start();
    while (!(await hit(url, 's1'))) await new Promise((r) => setTimeout(r, 5));
    const coldMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const rss = status(child.pid!, 'VmRSS');
    const page = await fetch(`${url}/`).then(async (r) => `${r.status} ${(await r.text()).length} B`);
    console.log(`| ${i} | ${coldMs.toFixed(0)} | ${rss.toFixed(0)} | ${page} |`);
    await stop(child);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
