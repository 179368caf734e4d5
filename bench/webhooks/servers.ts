import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TANDEM_NODE_ARGS } from './scenarios.ts';

// BENCH_SERVER_ROOT=<another checkout> measures that tree's code with this tree's bench (A/B of a change).
const SERVER = process.env.BENCH_SERVER_ROOT
  ? path.resolve(process.env.BENCH_SERVER_ROOT, 'bench/webhooks/server.ts')
  : path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.ts');

/**
 * The environment of the measured processes: a fresh data directory, quiet, no URL banner, run as `./tandem start`
 * runs it, and the webhook limits raised, since wrk drives one path from one address far above the public
 * defaults (api/src/routes/webhook-http.ts). `extra` adds DATABASE_URL, REDIS_URL… for production mode.
 */
export function serverEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    TANDEM_PRINT_URL: '0',
    WEBHOOK_RATE_PER_PATH: '1000000',
    WEBHOOK_RATE_PER_IP: '1000000',
    WEBHOOK_MAX_PENDING_PER_PATH: '100000',
    NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(tmpdir(), 'tandem-node-compile-cache'),
    ...extra,
  };
}

/** The bench's Tandem processes (`server.ts <role>`), started and stopped together. */
export function serverProcs(env: Record<string, string>) {
  const procs: ChildProcess[] = [];
  return {
    procs,
    /**
     * Starts `role` (start | api | worker) with `./tandem`'s node flags plus BENCH_NODE_ARGS (e.g. "--cpu-prof
     * --cpu-prof-dir=/tmp/prof"); resolves once it listens (with its URL) or the worker is ready.
     */
    start(role: string): Promise<{ child: ChildProcess; url?: string }> {
      const nodeArgs = [
        ...TANDEM_NODE_ARGS,
        ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ];
      const child = spawn(process.execPath, [...nodeArgs, SERVER, role], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      procs.push(child);
      return new Promise((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /LISTENING (\S+)/.exec(out);
          if (m) resolve({ child, url: m[1] });
          if (out.includes('WORKER READY')) resolve({ child });
        });
        child.on('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
      });
    },
    /** SIGTERM to every process still running, one after the other, each awaited. */
    async stopAll(): Promise<void> {
      for (const p of procs.splice(0)) {
        if (p.exitCode !== null || p.signalCode !== null) continue;
        const exited = new Promise((r) => p.once('exit', r));
        p.kill('SIGTERM');
        await exited;
      }
    },
  };
}
