import type { Page } from 'playwright-core';

/** One first render: times in ms from navigation start (`performance.timeOrigin`). */
export interface FirstRender {
  /** Navigation start → `nodes` canvas nodes and `edges` edges in the DOM (polled every frame). */
  total: number;
  /** Main-thread task time of the renderer until the end (CDP `Performance.getMetrics` TaskDuration, wall time). */
  mainThreadMs: number;
  /** CPU time of the browser's renderer and GPU processes during the load: barely depends on other load. */
  cpuMs: number;
  /** "html 12 · entry JS 103 · … · 200 nodes 480", every step in the order it happened. */
  timeline: string;
}

/**
 * Opens `url` in `page` (a fresh context: empty HTTP cache, no IndexedDB copy) and times it until the canvas shows
 * `nodes` nodes and `edges` edges. The timeline lists when each response finished (`responseEnd` of the resource
 * timing entries: the page, its scripts, the session check, the workflow's REST view, the document's state) and
 * the app's `tandem:*` performance marks.
 */
export async function firstRender(
  page: Page,
  url: string,
  nodes: number,
  edges: number,
): Promise<FirstRender> {
  await settle(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpu0 = await browserCpu(page);
  await page.goto(url);
  const end = await page.waitForFunction(
    ([n, e]) => {
      if (document.querySelectorAll('[data-testid=canvas-node]').length < n) return false;
      if (document.querySelectorAll('.react-flow__edge').length < e) return false;
      return performance.now();
    },
    [nodes, edges],
    { polling: 'raf', timeout: 30_000 },
  );
  const total = (await end.jsonValue()) as number;
  const cpuMs = ((await browserCpu(page)) - cpu0) * 1000;
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  await cdp.detach();
  const steps = await page.evaluate(() => {
    const out: Array<[string, number]> = [];
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (nav) out.push(['html', nav.responseEnd]);
    for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      const path = new URL(r.name).pathname;
      const label = /\/assets\/index-[^/]*\.js$/.test(path)
        ? 'entry JS'
        : /\/assets\/EditorPage-[^/]*\.js$/.test(path)
          ? 'editor chunk'
          : /\/assets\/editor-context-[^/]*\.js$/.test(path)
            ? 'editor deps chunk'
            : path === '/api/users/me'
              ? 'session'
              : /^\/api\/workflows\/[^/]+\/doc$/.test(path)
                ? 'doc state'
                : /^\/api\/workflows\/[^/]+$/.test(path)
                  ? 'REST view'
                  : null;
      if (label) out.push([`${label} (started ${r.startTime.toFixed(0)})`, r.responseEnd]);
    }
    for (const m of performance.getEntriesByType('mark'))
      if (m.name.startsWith('tandem:')) out.push([m.name.slice(7), m.startTime]);
    return out;
  });
  steps.push([`${nodes} nodes + ${edges} edges in DOM`, total]);
  steps.sort((a, b) => a[1] - b[1]);
  const task = metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  return {
    total,
    mainThreadMs: task * 1000,
    cpuMs,
    timeline: steps.map(([name, t]) => `${name} ${t.toFixed(0)}`).join(' · '),
  };
}

/**
 * Waits until the browser is quiet before a load: a new context opens a window, and Chromium then starts a
 * renderer for its own UI (`--top-chrome-webui`, ~1.7 s of CPU on a 2-core machine) besides the page's, which
 * competed with every measured load until session 6. A person's browser did that long before they open a
 * workflow, so a load starts once Chromium's processes used < 20 ms of CPU in 200 ms (at most 10 s).
 */
export async function settle(page: Page): Promise<void> {
  const t0 = Date.now();
  let last = await browserCpu(page, true);
  while (Date.now() - t0 < 10_000) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await browserCpu(page, true);
    if (now - last < 0.02) break;
    last = now;
  }
}

/** CPU seconds used so far by the browser's renderer and GPU processes (as in drag.ts); `all`: every process. */
async function browserCpu(page: Page, all = false): Promise<number> {
  const cdp = await page.context().browser()!.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; cpuTime: number }>;
  };
  await cdp.detach();
  return processInfo
    .filter((p) => all || p.type === 'renderer' || p.type === 'GPU')
    .reduce((a, p) => a + p.cpuTime, 0);
}
