/**
 * Editor budgets (issue 6) in headless Chromium (playwright-core + Debian's /usr/bin/chromium):
 *   node bench/client/run.ts [baseUrl]     (without a URL: starts Tandem in embedded mode on a free port)
 * Needs the built client (`cd client && pnpm exec vite build`). Env: CHROMIUM (browser path), RUNS (render
 * repetitions, default 5), DRAG_N (canvas size, default 500). Prints one table; see README.md for the method.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { openBenchSession, VIEWPORT } from './bench-session.ts';
import { dragFps } from './drag.ts';
import { firstRender } from './first-render.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const DRAG_N = Number(process.env.DRAG_N ?? 500);
const log = (s: string) => process.stderr.write(`${s}\n`);

type Row = { metric: string; value: string; goal: string; ok: boolean };
const rows: Row[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const session = await openBenchSession('bench');
const { base, browser, ctx, page, createWorkflow: create } = session;
try {
  // 1. JavaScript of the editor route: every script the page loads to show the editor, gzipped (level 9).
  const w200 = await create(200);
  const scripts = new Map<string, number>();
  const onResponse = async (r: Awaited<ReturnType<Page['waitForResponse']>>) => {
    if (r.request().resourceType() !== 'script' && !r.url().endsWith('.js')) return;
    const body = await r.body().catch(() => null);
    if (body) scripts.set(r.url(), gzipSync(body, { level: 9 }).length);
  };
  page.on('response', onResponse);
  await page.goto(`${base}/workflows/${w200}`);
  await page.getByTestId('canvas').waitFor();
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  const jsKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
  log(`editor route JS: ${scripts.size} files, ${jsKb.toFixed(0)} KB gz`);
  rows.push({
    metric: `editor route JavaScript (${scripts.size} files, gzip -9)`,
    value: `${jsKb.toFixed(0)} KB`,
    goal: '≤ 350 KB',
    ok: jsKb <= 350,
  });

  // 2. First render of a 200-node workflow: navigation start (performance.timeOrigin, a full page load with an
  // empty HTTP cache) → all 200 nodes and 199 edges in the DOM, polled every frame. A fresh context each run: no
  // IndexedDB copy, no HTTP cache. Each run also prints its timeline (first-render.ts) and the renderer's
  // main-thread busy time, which load on the machine disturbs less than wall-clock time.
  const totals: number[] = [];
  const busy: number[] = [];
  const cpu: number[] = [];
  const cookies = await ctx.cookies();
  // The page of step 1 would stay an open editor of the same workflow: a second renderer on the CPU and a peer that
  // every measured load joins.
  await page.goto('about:blank');
  for (let run = 0; run < RUNS; run++) {
    const c = await browser.newContext({ viewport: VIEWPORT });
    await c.addCookies(cookies);
    const p = await c.newPage();
    const r = await firstRender(p, `${base}/workflows/${w200}`, 200, 199);
    totals.push(r.total);
    busy.push(r.mainThreadMs);
    cpu.push(r.cpuMs);
    log(
      `render 200 nodes, run ${run + 1}: ${r.total.toFixed(0)} ms, main thread busy ${r.mainThreadMs.toFixed(0)} ms, renderer+GPU CPU ${r.cpuMs.toFixed(0)} ms`,
    );
    log(`  ${r.timeline}`);
    await c.close();
  }
  const renderMs = median(totals);
  rows.push({
    metric: `first render, 200-node workflow, from navigation start (median of ${RUNS})`,
    value: `${renderMs.toFixed(0)} ms (min ${Math.min(...totals).toFixed(0)}, main thread busy ${median(busy).toFixed(0)} ms, renderer+GPU CPU ${median(cpu).toFixed(0)} ms)`,
    goal: '≤ 500 ms',
    ok: renderMs <= 500,
  });

  // 3. Dragging one node across a 500-node canvas.
  const w500 = await create(DRAG_N);
  const drag = await dragFps(page, `${base}/workflows/${w500}`);
  log(
    `drag: ${drag.fps.toFixed(1)} fps, worst frame ${drag.worst.toFixed(0)} ms, ${drag.cpuMsPerFrame.toFixed(1)} ms CPU/frame`,
  );
  rows.push({
    metric: `drag one node across a ${DRAG_N}-node canvas (all nodes in view)`,
    value: `${drag.fps.toFixed(1)} fps (${drag.frames} frames, worst ${drag.worst.toFixed(0)} ms, ${drag.cpuMsPerFrame.toFixed(1)} ms CPU/frame, moved ${drag.moved ? 'yes' : 'NO'})`,
    goal: '≥ 50 fps',
    ok: drag.fps >= 50 && drag.moved,
  });
} finally {
  await session.close();
}

const w = [6, 7, 5, 4].map((_, i) => Math.max(...rows.map((r) => Object.values(r)[i].toString().length), 4));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
console.log(line(['metric', 'value', 'goal', 'met']));
console.log(line(w.map((n) => '-'.repeat(n))));
for (const r of rows) console.log(line([r.metric, r.value, r.goal, r.ok ? 'yes' : 'NO']));
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
