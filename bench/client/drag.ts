import type { Page } from 'playwright-core';

declare global {
  interface Window {
    __frames: number[];
    __raf: number;
  }
}

/**
 * Opens `url` (fit to view: every node on screen), drags the first node ~540 px with 90 pointer moves and answers
 * the frame rate seen by requestAnimationFrame meanwhile. `moved`: the node's position changed in the DOM.
 * With TRACE=<file>, records a Chromium performance trace of the drag there.
 */
export async function dragFps(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=canvas-node]').length > 0, null, {
    timeout: 30_000,
  });
  await page.waitForTimeout(1000);
  const first = page.locator('[data-testid=canvas-node]').first();
  const box = (await first.boundingBox())!;
  const transformOf = () =>
    first.evaluate((el) => (el.closest('.react-flow__node') as HTMLElement | null)?.style.transform ?? '');
  const before = await transformOf();
  const tracing = process.env.TRACE;
  if (tracing) await page.context().browser()!.startTracing(page, { path: tracing, screenshots: false });
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t: number) => {
      window.__frames.push(t);
      if (window.__frames.length < 100_000) window.__raf = requestAnimationFrame(tick);
    };
    window.__raf = requestAnimationFrame(tick);
  });
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const cpu0 = await browserCpu(page);
  const start = await page.evaluate(() => performance.now());
  for (let i = 1; i <= 90; i++) {
    await page.mouse.move(x0 + i * 6, y0 + Math.sin(i / 8) * 60);
    await page.waitForTimeout(10);
  }
  await page.mouse.up();
  const cpu = (await browserCpu(page)) - cpu0;
  const stats = await page.evaluate((s) => {
    cancelAnimationFrame(window.__raf);
    const f = window.__frames.filter((t) => t >= s);
    const gaps = f.slice(1).map((t, i) => t - f[i]);
    const duration = f[f.length - 1] - f[0];
    return { fps: ((f.length - 1) / duration) * 1000, worst: Math.max(...gaps), frames: f.length };
  }, start);
  if (tracing) await page.context().browser()!.stopTracing();
  await page.waitForTimeout(300);
  return {
    ...stats,
    cpuMsPerFrame: (cpu * 1000) / Math.max(1, stats.frames - 1),
    moved: (await transformOf()) !== before,
  };
}

/**
 * CPU seconds used so far by the browser's renderer and GPU processes. Unlike frame rates, CPU time per frame
 * barely depends on what else the machine runs, so it compares two builds on a busy machine.
 */
async function browserCpu(page: Page): Promise<number> {
  const cdp = await page.context().browser()!.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; cpuTime: number }>;
  };
  await cdp.detach();
  return processInfo
    .filter((p) => p.type === 'renderer' || p.type === 'GPU')
    .reduce((a, p) => a + p.cpuTime, 0);
}
