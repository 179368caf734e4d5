/**
 * CPU profile of the drag scenario (bench/client/run.ts step 3), summarised by self time per function.
 *   node bench/client/profile-drag.ts [baseUrl]   (DRAG_N nodes, default 500; TOP rows, default 40)
 */
import { openBenchSession } from './bench-session.ts';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
const session = await openBenchSession('prof');
const { base, ctx, page } = session;
try {
  const id = await session.createWorkflow(Number(process.env.DRAG_N ?? 500));
  await page.goto(`${base}/workflows/${id}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=canvas-node]').length > 0);
  await page.waitForTimeout(1500);
  const box = (await page.locator('[data-testid=canvas-node]').first().boundingBox())!;
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 90; i++) {
    await page.mouse.move(x0 + i * 6, y0 + Math.sin(i / 8) * 60);
    await page.waitForTimeout(10);
  }
  await page.mouse.up();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
  // Self and inclusive (self + callees, each function counted once per stack) sample share per function.
  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    total += hits;
    self.set(key(n), (self.get(key(n)) ?? 0) + hits);
    const seen = new Set<string>();
    for (let m: ProfileNode | undefined = n; m; m = parent.get(m.id)) {
      if (seen.has(key(m))) continue;
      seen.add(key(m));
      incl.set(key(m), (incl.get(key(m)) ?? 0) + hits);
    }
  }
  const top = Number(process.env.TOP ?? 40);
  for (const [title, map] of [
    ['self', self],
    ['inclusive', incl],
  ] as const) {
    console.log(`— ${title}`);
    for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
  }
} finally {
  await session.close();
}
