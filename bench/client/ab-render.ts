/**
 * Interleaved A/B of the first render (bench/client/run.ts step 2) between client builds:
 *   DISTS=/tmp/a,/tmp/b ROUNDS=8 node bench/client/ab-render.ts [baseUrl]
 * Before each load `client/dist` is replaced by one of the build directories (A B B A …, so neither build always
 * goes first), and the load is measured exactly as run.ts does (first-render.ts: fresh context, 200 nodes). Prints
 * each load and per build the medians of the wall time, the main thread's task time and the renderer+GPU CPU time
 * (the figure a busy machine disturbs least). Leaves the last build in `client/dist`.
 */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBenchSession, VIEWPORT } from './bench-session.ts';
import { type FirstRender, firstRender } from './first-render.ts';

const DISTS = process.env.DISTS?.split(',').filter(Boolean) ?? [];
if (DISTS.length < 2) throw new Error('DISTS: two or more client build directories, comma-separated');
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const session = await openBenchSession('ab');
try {
  const id = await session.createWorkflow(200);
  const cookies = await session.ctx.cookies();
  const results = new Map<string, FirstRender[]>(DISTS.map((d) => [d, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const dist of round % 2 ? [...DISTS].reverse() : DISTS) {
      rmSync(DIST, { recursive: true, force: true });
      cpSync(dist, DIST, { recursive: true });
      const c = await session.browser.newContext({ viewport: VIEWPORT });
      await c.addCookies(cookies);
      const r = await firstRender(await c.newPage(), `${session.base}/workflows/${id}`, 200, 199);
      await c.close();
      results.get(dist)!.push(r);
      console.log(
        `${dist}: ${r.total.toFixed(0)} ms, main thread ${r.mainThreadMs.toFixed(0)} ms, renderer+GPU CPU ${r.cpuMs.toFixed(0)} ms`,
      );
    }
  }
  for (const [dist, rs] of results) {
    const f = (pick: (r: FirstRender) => number) =>
      `${median(rs.map(pick)).toFixed(0)} (${rs.map((r) => pick(r).toFixed(0)).join(', ')})`;
    console.log(
      `${dist}: wall ${f((r) => r.total)} · main thread ${f((r) => r.mainThreadMs)} · renderer+GPU CPU ${f((r) => r.cpuMs)}`,
    );
    const marks = ['editor-chunk-evaluated', 'doc-state-applied', 'editor-mounted'].map((m) => {
      const at = rs.map((r) => Number(new RegExp(`${m} (\\d+)`).exec(r.timeline)?.[1] ?? Number.NaN));
      return `${m} ${median(at).toFixed(0)}`;
    });
    const mounted = rs.map(
      (r) => r.total - Number(/editor-mounted (\d+)/.exec(r.timeline)?.[1] ?? Number.NaN),
    );
    console.log(`  median marks: ${marks.join(' · ')} · editor-mounted → end ${median(mounted).toFixed(0)}`);
  }
} finally {
  await session.close();
}
