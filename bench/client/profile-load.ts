/**
 * CPU profile of the first render (bench/client/run.ts step 2): V8 samples of one fresh page load of a 200-node
 * workflow, split into the phases between the app's `tandem:*` marks, with the top functions by self time in each.
 *   node bench/client/profile-load.ts [baseUrl]   (N nodes, default 200; TOP rows per phase, default 12)
 * Build the client with `vite build --minify false` for readable names. Samples count wall time while the function
 * was on the stack, so on a busy machine a descheduled thread inflates whatever ran: compare shares, not absolutes.
 */
import { openBenchSession, VIEWPORT } from './bench-session.ts';
import { settle } from './first-render.ts';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

const N = Number(process.env.N ?? 200);
const session = await openBenchSession('prof');
const { base, browser, ctx } = session;
try {
  const id = await session.createWorkflow(N);
  const fresh = await browser.newContext({ viewport: VIEWPORT });
  await fresh.addCookies(await ctx.cookies());
  const page = await fresh.newPage();
  await settle(page);
  const cdp = await fresh.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(`${base}/workflows/${id}`);
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid=canvas-node]').length >= n &&
      document.querySelectorAll('.react-flow__edge').length >= n - 1,
    N,
    { polling: 'raf', timeout: 30_000 },
  );
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  // Profile timestamps and the NavigationStart metric are both on the monotonic clock (µs and s).
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const navStartUs = (metrics.find((m) => m.name === 'NavigationStart')?.value ?? 0) * 1e6;
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('tandem:'))
      .map((m) => [m.name.slice(7), m.startTime] as [string, number]),
  );
  const end = await page.evaluate(() => performance.now());
  const bounds: Array<[string, number]> = [['start', 0], ...marks.sort((a, b) => a[1] - b[1]), ['end', end]];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const phases = bounds.slice(0, -1).map(([name, from], i) => ({
    name: `${name} → ${bounds[i + 1][0]}`,
    from,
    to: bounds[i + 1][1],
    self: new Map<string, number>(),
    incl: new Map<string, number>(),
    total: 0,
  }));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const node = byId.get(profile.samples[i])!;
    const ms = (t - navStartUs) / 1000;
    if (node.callFrame.functionName === '(idle)' || ms < 0) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 100) / 1000;
    const phase = phases.find((p) => ms >= p.from && ms < p.to) ?? phases[phases.length - 1];
    phase.total += dt;
    phase.self.set(key(node), (phase.self.get(key(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let m: ProfileNode | undefined = node; m; m = parent.get(m.id)) {
      const k = key(m);
      if (seen.has(k)) continue;
      seen.add(k);
      phase.incl.set(k, (phase.incl.get(k) ?? 0) + dt);
    }
  }
  if (process.env.SEQ) {
    // Time-ordered: per 4 ms of samples, the React stage and the components/functions most on the stack.
    const stages = [
      'flushPassiveEffects',
      'flushLayoutEffects',
      'flushMutationEffects',
      'workLoopSync',
      'renderRootSync',
      'processRootScheduleInMicrotask',
      'performWorkUntilDeadline',
    ];
    let tt = profile.startTime;
    let bucket = -1;
    let agg = new Map<string, number>();
    const flush = () => {
      if (bucket < 0 || agg.size === 0) return;
      console.log(
        `${String(bucket * 4).padStart(5)}  ${[...agg]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5)
          .map(([k, v]) => `${k}×${v}`)
          .join('  ')}`,
      );
    };
    for (let i = 0; i < profile.samples.length; i++) {
      tt += profile.timeDeltas[i];
      const ms = (tt - navStartUs) / 1000;
      const node = byId.get(profile.samples[i])!;
      if (node.callFrame.functionName === '(idle)' || ms < Number(process.env.SEQ)) continue;
      const b = Math.floor(ms / 4);
      if (b !== bucket) {
        flush();
        bucket = b;
        agg = new Map();
      }
      const chain: string[] = [];
      for (let m: ProfileNode | undefined = node; m; m = parent.get(m.id))
        chain.push(m.callFrame.functionName);
      const stage = stages.find((s) => chain.includes(s)) ?? chain[0];
      const comp = chain.find((f) => /^[A-Z]/.test(f) && !stages.includes(f)) ?? node.callFrame.functionName;
      const k = `${stage}/${comp}`;
      agg.set(k, (agg.get(k) ?? 0) + 1);
    }
    flush();
  }
  const top = Number(process.env.TOP ?? 12);
  for (const p of phases) {
    console.log(`— ${p.name} (${p.from.toFixed(0)}–${p.to.toFixed(0)} ms): ${p.total.toFixed(0)} ms sampled`);
    for (const [k, v] of [...p.self].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${v.toFixed(1).padStart(7)} ms  ${k}`);
    console.log('  inclusive:');
    for (const [k, v] of [...p.incl].sort((a, b) => b[1] - a[1]).slice(0, top * 2))
      console.log(`${v.toFixed(1).padStart(7)} ms  ${k}`);
  }
} finally {
  await session.close();
}
