import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CHILD = path.resolve(import.meta.dirname, '../../api/src/collab/collab-child.ts');

export type ServerProc = {
  child: ChildProcess;
  port: number;
  url: string;
  cpuSeconds(): number;
  stop(): Promise<void>;
};

/** Starts a collab-server process (SQL store, optional Redis) and waits until it listens. */
export function startServer(config: object): Promise<ServerProc> {
  return new Promise((resolve, reject) => {
    // BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server processes
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, CHILD, JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const onExit = (code: number | null) => reject(new Error(`collab-server exited (${code})`));
    child.on('exit', onExit);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      child.off('exit', onExit);
      const port = JSON.parse(line).port as number;
      resolve({
        child,
        port,
        url: `ws://127.0.0.1:${port}/collab`,
        cpuSeconds: () => cpuSeconds(child.pid!),
        stop: () =>
          new Promise<void>((r) => {
            if (child.exitCode !== null) return r();
            child.once('exit', () => r());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      });
    });
  });
}

/**
 * /proc/<pid>/stat of a process (Linux), or with `tid` of one of its threads: its name and the fields after it
 * (`fields[1]` the parent pid, `[7]` minor faults, `[11]`/`[12]` user/system CPU in clock ticks).
 */
export function procStat(pid: number | string, tid?: number | string): { name: string; fields: string[] } {
  const stat = readFileSync(
    tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`,
    'utf8',
  );
  const close = stat.lastIndexOf(')');
  return { name: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
}

/** utime + stime of `procStat` fields in seconds (USER_HZ = 100). */
const cpuOf = (fields: string[]) => (Number(fields[11]) + Number(fields[12])) / 100;

/** CPU time (user + system) of a process so far, or of its thread `tid` (the main thread's is the pid). */
export function cpuSeconds(pid: number, tid?: number): number {
  return cpuOf(procStat(pid, tid).fields);
}

/** Minor page faults of a process so far: costly on some virtual machines (bench/client/README.md, session 6). */
export function minorFaults(pid: number): number {
  return Number(procStat(pid).fields[7]);
}

/**
 * CPU time (user + system) of a process so far per thread name, summed over the threads of one name (the main
 * thread, a worker thread's "WorkerThread", V8's "V8Worker"s…), from /proc (Linux). Threads that end while read
 * are left out.
 */
export function threadCpuSeconds(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const { name, fields } = procStat(pid, tid);
      out.set(name, (out.get(name) ?? 0) + cpuOf(fields));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(
  fn: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const start = Date.now();
  while (!(await fn())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${what}`);
    await sleep(10);
  }
}
