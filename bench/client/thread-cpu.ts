/**
 * Where the CPU of a first render goes (bench/client/run.ts step 2), per process and thread:
 *   RUNS=3 node bench/client/thread-cpu.ts [baseUrl]
 * Reads /proc/<pid>/task/<tid>/stat (utime + stime) of this script, the Tandem it started and Chromium before and
 * after each load and prints the threads that used over 5 ms, summed over the runs, by process kind and thread name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { procStat, threadCpuSeconds } from '../collab/procs.ts';
import { openBenchSession, VIEWPORT } from './bench-session.ts';
import { firstRender } from './first-render.ts';

const RUNS = Number(process.env.RUNS ?? 3);

function parentOf(pid: string): string {
  try {
    return procStat(pid).fields[1];
  } catch {
    return '0';
  }
}

/** This script's own descendants only: other jobs on the machine are not counted. */
function kindOf(pid: string): string | null {
  if (pid === String(process.pid)) return 'node bench driver';
  let up = parentOf(pid);
  while (up !== '0' && up !== '1' && up !== String(process.pid)) up = parentOf(up);
  if (up !== String(process.pid)) return null;
  let cmd: string;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
  if (/chrom/.test(cmd)) return `chromium ${/--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser'}`;
  return `server ${cmd.slice(0, 40)}`;
}

function snapshot(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const kind = kindOf(pid);
    if (!kind) continue;
    let threads: Map<string, number>;
    try {
      threads = threadCpuSeconds(Number(pid));
    } catch {
      continue;
    }
    for (const [name, seconds] of threads) {
      const key = `${kind} · ${name.replace(/\d+$/, '#')}`;
      out.set(key, (out.get(key) ?? 0) + seconds * 1000);
    }
  }
  return out;
}

const session = await openBenchSession('threads');
try {
  const id = await session.createWorkflow(200);
  const cookies = await session.ctx.cookies();
  await session.page.goto('about:blank');
  const used = new Map<string, number>();
  let wall = 0;
  for (let run = 0; run < RUNS; run++) {
    const c = await session.browser.newContext({ viewport: VIEWPORT });
    await c.addCookies(cookies);
    const p = await c.newPage();
    const before = snapshot();
    const r = await firstRender(p, `${session.base}/workflows/${id}`, 200, 199);
    const after = snapshot();
    wall += r.total;
    for (const [k, v] of after) used.set(k, (used.get(k) ?? 0) + v - (before.get(k) ?? 0));
    console.log(`run ${run + 1}: ${r.total.toFixed(0)} ms`);
    await c.close();
  }
  const rows = [...used].filter(([, v]) => v / RUNS > 5).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((a, [, v]) => a + v, 0);
  console.log(
    `per load: wall ${(wall / RUNS).toFixed(0)} ms, CPU of the threads below ${(total / RUNS).toFixed(0)} ms`,
  );
  for (const [k, v] of rows) console.log(`${(v / RUNS).toFixed(0).padStart(6)} ms  ${k}`);
} finally {
  await session.close();
}
