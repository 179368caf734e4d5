/**
 * Collaboration benchmark. `node bench/collab/run.ts [--quick] [--kill-runs N] [--join-procs N] [--only name,name]`
 * Prints one table; see bench/collab/README.md for what each row measures and the goals.
 */
import os from 'node:os';
import { idleHeap, load500, storageRatio } from './inproc.ts';
import { joinStorm } from './join.ts';
import { killRuns } from './kill.ts';
import { presenceCpu, propagation } from './propagation.ts';

const loadAtStart = os.loadavg();
process.setMaxListeners(0); // every y-websocket provider adds an 'exit' listener
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const killIdx = args.indexOf('--kill-runs');
const kills = killIdx >= 0 ? Number(args[killIdx + 1]) : quick ? 10 : 100;
// join storm clients: split over this many processes (1 = all in this process, the pre-2026-11-26 mode)
const joinProcsIdx = args.indexOf('--join-procs');
const joinProcs = joinProcsIdx >= 0 ? Number(args[joinProcsIdx + 1]) : os.availableParallelism();
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? new Set(args[onlyIdx + 1].split(',')) : null;
const want = (name: string) => !only || only.has(name);

type Row = { metric: string; value: string; goal: string; ok: boolean | null };
const rows: Row[] = [];
const push = (r: Row) => {
  rows.push(r);
  log(`  ${r.metric}: ${r.value}`);
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const log = (s: string) => process.stderr.write(`${s}\n`);

if (want('propagation')) {
  const sizes = quick ? [2, 20] : [2, 20, 50];
  for (const instances of [1, 2] as const) {
    for (const clients of sizes) {
      log(`propagation: ${clients} clients, ${instances} instance(s)…`);
      const r = await propagation({ clients, instances, presenceHz: 20 });
      const goal = instances === 2 && clients === 50 ? 'p99 ≤ 15 ms' : '';
      push({
        metric: `edit→peer, ${clients} clients, ${instances === 1 ? '1 instance (SQLite)' : '2 instances (MySQL+Redis)'}, presence 20 Hz`,
        value: `p50 ${ms(r.p50)} / p99 ${ms(r.p99)} (${r.delivered}/${r.edits * (clients - 1)} delivered, server CPU ${r.serverCpuPct.toFixed(0)} %)`,
        goal,
        ok: goal ? r.p99 <= 15 : null,
      });
    }
  }
}
if (want('ai')) {
  log('AI peer writing 1 MB in 5 s while humans edit…');
  const r = await propagation({ clients: 10, instances: 1, presenceHz: 20, aiPeer: true });
  push({
    metric: 'human edit→peer while an AI peer writes 1 MB in 5 s (10 humans, 1 instance)',
    value: `p50 ${ms(r.p50)} / p99 ${ms(r.p99)}`,
    goal: 'p99 ≤ 50 ms',
    ok: r.p99 <= 50,
  });
}
if (want('presence')) {
  log('presence CPU…');
  const r = await presenceCpu(50, 20);
  const rate = (x: typeof r) => `${x.inPerSec.toFixed(0)} msg/s in, ${x.outPerSec.toFixed(0)} out`;
  push({
    metric: "server CPU, 50 clients × 20 Hz presence, Tandem's client (idle connections → with presence)",
    value: `${r.idle.toFixed(1)} % → ${r.presence.toFixed(1)} % of a core (${rate(r)})`,
    goal: '≤ 10 % of a core',
    ok: r.presence - r.idle <= 10,
  });
  const stock = await presenceCpu(50, 20, 5, 'stock');
  push({
    metric: 'same with stock y-websocket clients (they echo everyone’s presence)',
    value: `${stock.idle.toFixed(1)} % → ${stock.presence.toFixed(1)} % of a core (${rate(stock)})`,
    goal: '',
    ok: null,
  });
}
if (want('join')) {
  log('join storm…');
  const r = await joinStorm(quick ? 50 : 200, 4, joinProcs);
  push({
    metric: `${r.joiners} clients (${r.procs} process${r.procs > 1 ? 'es' : ''}) open one ${(r.docBytes / 1024 / 1024).toFixed(1)} MB document at once`,
    value: `p50 ${ms(r.p50)} / p99 ${ms(r.p99)} / max ${ms(r.max)} (sockets open p99 ${ms(r.openP99)}; CPU server ${r.serverCpuPct.toFixed(0)} %, clients ${r.clientCpuPct.toFixed(0)} %; CPU per joiner server ${ms(r.serverCpuMsPerJoin)}, client ${ms(r.clientCpuMsPerJoin)})`,
    goal: 'p99 ≤ 1,500 ms',
    ok: r.p99 <= 1500,
  });
}
if (want('storage')) {
  log('storage ratio…');
  const r = await storageRatio(quick ? 1000 : 4000);
  push({
    metric: 'storage bytes written per byte of update received (typing + moves, compaction included)',
    value: `${r.ratio.toFixed(2)}× (${r.written} / ${r.received} B)`,
    goal: '≤ 1.5×',
    ok: r.ratio <= 1.5,
  });
}
if (want('load')) {
  log('500-node load…');
  const r = await load500();
  push({
    metric: `500-node workflow document load (${(r.bytes / 1024).toFixed(0)} KB snapshot) / to JSON`,
    value: `${ms(r.loadMs)} / ${ms(r.toJsonMs)}`,
    goal: 'load ≤ 100 ms',
    ok: r.loadMs <= 100,
  });
}
if (want('kill')) {
  log(`${kills} kill -9 runs…`);
  const r = await killRuns(kills);
  push({
    metric: `kill -9 during editing, ${r.runs} runs (${r.updatesChecked} received updates checked)`,
    value: `${r.lost} lost`,
    goal: '0 lost',
    ok: r.lost === 0,
  });
}

// last: exposing gc() at runtime made better-sqlite3 (used by the kill runs) abort later in this process
if (want('heap')) {
  log('idle heap…');
  const r = await idleHeap();
  push({
    metric: `memory per idle loaded document (30-node workflow, ${r.docKB.toFixed(0)} KB encoded; heap + buffers)`,
    value: `${r.perRoomKB.toFixed(0)} KB (${r.awakeKB.toFixed(0)} KB before it hibernated)`,
    goal: '≤ 100 KB',
    ok: r.perRoomKB <= 100,
  });
}
const load0 = loadAtStart.map((x) => x.toFixed(1)).join(' ');
const load1 = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
const w = [
  Math.max(...rows.map((r) => r.metric.length), 6),
  Math.max(...rows.map((r) => r.value.length), 5),
  16,
];
const line = (a: string, b: string, c: string, d: string) =>
  `| ${a.padEnd(w[0])} | ${b.padEnd(w[1])} | ${c.padEnd(w[2])} | ${d.padEnd(4)} |`;
console.log(line('metric', 'value', 'goal', 'met'));
console.log(`|${'-'.repeat(w[0] + 2)}|${'-'.repeat(w[1] + 2)}|${'-'.repeat(w[2] + 2)}|------|`);
for (const r of rows) console.log(line(r.metric, r.value, r.goal, r.ok === null ? '' : r.ok ? 'yes' : 'NO'));
console.log(
  `\n${os.cpus().length} cores, Node ${process.version}; load average at start ${load0}, at end ${load1} (figures from a busy machine are upper bounds)`,
);
process.exit(0);
