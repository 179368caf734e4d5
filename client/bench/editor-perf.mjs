// Editor performance budget check in headless Chromium (playwright-core + Debian's chromium).
// Usage: node client/bench/editor-perf.mjs [baseUrl]   (a running Tandem that serves the built client)
// Measures: first render of a 200-node workflow, and the frame rate while dragging one node on a 500-node canvas
// (fit to view, so every node is on screen). Env: CHROMIUM (browser path), DRAG_N (canvas size, default 500),
// SKIP_RENDER=1 (only the drag).
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? process.env.TANDEM_URL ?? 'http://127.0.0.1:5678';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

function workflow(n) {
  const nodes = [];
  const connections = {};
  for (let i = 0; i < n; i++) {
    const name = i === 0 ? 'Start' : `Step ${i}`;
    nodes.push({
      id: `n${i}`,
      name,
      type: i === 0 ? 'manualTrigger' : 'noOp',
      typeVersion: 1,
      position: [(i % 25) * 280, Math.floor(i / 25) * 140],
      parameters: {},
    });
    if (i > 0) connections[nodes[i - 1].name] = { main: [[{ node: name, type: 'main', index: 0 }]] };
  }
  return { name: `perf ${n}`, nodes, connections };
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/register`);
  await page.fill('[data-testid=register-name]', 'Perf Bench');
  await page.fill('[data-testid=register-email]', `perf${Date.now()}@example.com`);
  await page.fill('[data-testid=register-password]', 'password123');
  await page.click('[data-testid=register-submit]');
  await page.waitForSelector('[data-testid=workflow-create]');
  const create = (body) =>
    page.evaluate(
      (b) =>
        fetch('/api/workflows', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(b),
        }).then((r) => r.json()),
      body,
    );

  // 1. First render of a 200-node workflow.
  const w200 = await create(workflow(200));
  const results = [];
  for (let run = 0; run < (process.env.SKIP_RENDER ? 0 : 3); run++) {
    await page.goto(`${base}/`);
    await page.goto(`${base}/workflows/${w200.id}`);
    const t = await page.waitForFunction(
      () => {
        if (document.querySelectorAll('[data-testid=canvas-node]').length < 200) return false;
        const synced = performance.getEntriesByName('tandem:doc-synced')[0];
        return { total: performance.now(), afterSync: synced ? performance.now() - synced.startTime : null };
      },
      null,
      { polling: 'raf', timeout: 30_000 },
    );
    results.push(await t.jsonValue());
  }
  const best = results.length
    ? results.reduce((a, b) => (b.total < a.total ? b : a))
    : { afterSync: NaN, total: NaN };
  console.log(
    `first render, 200 nodes: ${Math.round(best.afterSync)} ms after the document synced, ${Math.round(best.total)} ms after navigation (best of 3)`,
  );

  // 2. Dragging one node across a 500-node canvas.
  const w500 = await create(workflow(Number(process.env.DRAG_N ?? 500)));
  await page.goto(`${base}/workflows/${w500.id}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=canvas-node]').length > 0, null, {
    timeout: 30_000,
  });
  await page.waitForTimeout(500);
  const box = await page.locator('[data-testid=canvas-node]').first().boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__frames.length < 100_000) window.__raf = requestAnimationFrame(tick);
    };
    window.__raf = requestAnimationFrame(tick);
  });
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const start = await page.evaluate(() => performance.now());
  for (let i = 1; i <= 90; i++) {
    await page.mouse.move(x0 + i * 6, y0 + Math.sin(i / 8) * 60);
    await page.waitForTimeout(10);
  }
  await page.mouse.up();
  const stats = await page.evaluate((s) => {
    cancelAnimationFrame(window.__raf);
    const f = window.__frames.filter((t) => t >= s);
    const gaps = f.slice(1).map((t, i) => t - f[i]);
    const duration = f.at(-1) - f[0];
    return { fps: ((f.length - 1) / duration) * 1000, worst: Math.max(...gaps), frames: f.length };
  }, start);
  console.log(
    `drag on 500 nodes: ${stats.fps.toFixed(1)} fps average over ${stats.frames} frames, worst frame ${Math.round(stats.worst)} ms`,
  );
} finally {
  await browser.close();
}
