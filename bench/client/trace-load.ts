/**
 * Chromium trace of the first render (bench/client/run.ts step 2), as a list of the renderer main thread's tasks:
 *   node bench/client/trace-load.ts [baseUrl]
 * Each load prints its total (navigation start → all nodes and edges in the DOM), the main thread's task time, and
 * with `TASKS=1` every task over 1 ms (start, duration, its biggest events: script evaluation, function calls by
 * source location, style, layout, paint). `DISTS=a,b` (client build directories) swaps `client/dist` between them
 * before each load, `ROUNDS` times (A B A B …), for an interleaved comparison of two builds. `N` nodes (200).
 */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cookie } from 'playwright-core';
import { openBenchSession, VIEWPORT } from './bench-session.ts';
import { settle } from './first-render.ts';

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string };
};

const N = Number(process.env.N ?? 200);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const DISTS = process.env.DISTS?.split(',') ?? [];
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const session = await openBenchSession('trace');
const { base, browser, ctx } = session;
try {
  const id = await session.createWorkflow(N);
  const cookies = await ctx.cookies();
  const variants = DISTS.length ? DISTS : ['current'];
  const results = new Map<string, Array<{ total: number; busy: number; cpu: number }>>(
    variants.map((v) => [v, []]),
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of round % 2 ? [...variants].reverse() : variants) {
      if (DISTS.length) {
        rmSync(DIST, { recursive: true, force: true });
        cpSync(v, DIST, { recursive: true });
      }
      const r = await load(id, cookies);
      results.get(v)!.push(r);
      console.log(
        `${v}: ${r.total.toFixed(0)} ms, main thread ${r.busy.toFixed(0)} ms (CPU ${r.cpu.toFixed(0)} ms)`,
      );
    }
  }
  for (const [v, rs] of results)
    console.log(
      `${v}: median ${median(rs.map((r) => r.total)).toFixed(0)} ms (${rs.map((r) => r.total.toFixed(0)).join(', ')}), main thread ${median(rs.map((r) => r.busy)).toFixed(0)} ms, CPU ${median(rs.map((r) => r.cpu)).toFixed(0)} ms (${rs.map((r) => r.cpu.toFixed(0)).join(', ')})`,
    );
} finally {
  await session.close();
}

async function load(id: string, cookies: Cookie[]): Promise<{ total: number; busy: number; cpu: number }> {
  const c = await browser.newContext({ viewport: VIEWPORT });
  await c.addCookies(cookies);
  const page = await c.newPage();
  await settle(page);
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'blink.user_timing',
      'v8.execute',
      'toplevel',
      'loading',
      ...(process.env.V8 ? ['disabled-by-default-v8.compile'] : []),
    ],
  });
  await page.goto(`${base}/workflows/${id}`);
  const end = await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid=canvas-node]').length >= n &&
      document.querySelectorAll('.react-flow__edge').length >= n - 1 &&
      performance.now(),
    N,
    { polling: 'raf', timeout: 30_000 },
  );
  const total = (await end.jsonValue()) as number;
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('tandem:'))
      .map((m) => `${m.name.slice(7)} ${m.startTime.toFixed(0)}`),
  );
  const mounted = await page.evaluate(
    () => performance.getEntriesByName('tandem:editor-mounted')[0]?.startTime ?? 0,
  );
  const buf = await browser.stopTracing();
  await c.close();
  const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  // The page's renderer main thread: where the app's marks are; times from navigation start via a mark's startTime.
  const mark = events.find((e) => e.name === 'tandem:editor-mounted');
  if (!mark) return { total, busy: 0, cpu: 0 };
  const tid = events.find(
    (e) =>
      e.ph === 'M' && e.pid === mark.pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  )?.tid;
  const main = events.filter((e) => e.pid === mark.pid && e.tid === tid && e.ph === 'X');
  const t0 = mark.ts - mounted * 1000;
  const rel = (ts: number) => (ts - t0) / 1000;
  const tasks = main
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask')
    .filter((e) => rel(e.ts) >= 0 && rel(e.ts) <= total)
    .sort((a, b) => a.ts - b.ts);
  if (process.env.EVENTS) {
    // Everything of the page's renderer (all threads) in a window: loading, compiling, evaluating, style.
    const [from, to] = process.env.EVENTS.split('-').map(Number);
    const re =
      /Resource(SendRequest|Finish|ReceiveResponse)|v8\.(compile|evaluateModule|parseOnBackground|produceModuleCache|compileModule)|EvaluateScript|ParseAuthorStyleSheet|ScriptStreamer|v8.run|UpdateLayoutTree|Layout$|ParseHTML|TimerFire|FunctionCall|RunMicrotasks/;
    for (const e of events.filter((e) => e.pid === mark.pid && re.test(e.name)).sort((a, b) => a.ts - b.ts)) {
      const at = rel(e.ts);
      if (at < from || at > to) continue;
      const d = (e.args?.data ?? {}) as {
        url?: string;
        fileName?: string;
        requestId?: string;
        functionName?: string;
      };
      const url = (d.url ?? d.fileName ?? '').split('/').slice(-2).join('/');
      console.log(
        `  ${at.toFixed(1).padStart(7)} ${e.tid === tid ? 'main' : `t${e.tid}`} ${e.name} ${e.dur ? (e.dur / 1000).toFixed(1) : ''} ${url} ${d.functionName ?? ''}`,
      );
    }
  }
  const busy = tasks.reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
  const cpu = tasks.reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0);
  if (process.env.TASKS) {
    console.log(`marks: ${marks.join(' · ')} · end ${total.toFixed(0)}`);
    for (const t of tasks) {
      const ms = (t.dur ?? 0) / 1000;
      if (ms < 1) continue;
      const inside = main.filter(
        (e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0),
      );
      const agg = new Map<string, number>();
      for (const e of inside) {
        const d = e.args?.data as { url?: string; functionName?: string; lineNumber?: number } | undefined;
        const where = d?.url ? ` ${d.url.split('/').pop()}${d.functionName ? ` ${d.functionName}` : ''}` : '';
        const k = `${e.name}${where}`;
        if (
          !/EvaluateScript|FunctionCall|v8.compile|ParseHTML|UpdateLayoutTree|Layout|Paint|Layerize|TimerFire|FireAnimationFrame|EventDispatch|ParseAuthorStyleSheet|RunMicrotasks|V8.GC|MajorGC|MinorGC|ResourceReceivedData|HitTest|PrePaint|Commit|UpdateLayer/.test(
            e.name,
          )
        )
          continue;
        agg.set(k, (agg.get(k) ?? 0) + (e.dur ?? 0) / 1000);
      }
      const top = [...agg]
        .sort((a, b) => b[1] - a[1])
        .filter(([, d]) => d >= 0.5)
        .slice(0, 8)
        .map(([k, d]) => `${k} ${d.toFixed(1)}`);
      console.log(`${rel(t.ts).toFixed(0).padStart(5)} +${ms.toFixed(1).padStart(6)}  ${top.join(' | ')}`);
      if (process.env.TASKS === '2' && ms > Number(process.env.MIN ?? 40))
        for (const e of inside.sort((a, b) => a.ts - b.ts))
          if ((e.dur ?? 0) >= Number(process.env.MINEV ?? 3) * 1000) {
            const d = e.args?.data as { url?: string; functionName?: string } | undefined;
            const depth = inside.filter(
              (o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0),
            ).length;
            console.log(
              `        ${'  '.repeat(depth)}${rel(e.ts).toFixed(0)} ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)}${d?.functionName ? ` ${d.functionName}` : ''}${d?.url ? ` ${d.url.split('/').pop()}` : ''}`,
            );
          }
    }
  }
  return { total, busy, cpu };
}
