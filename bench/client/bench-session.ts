import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type App, startApp } from '../../e2e/harness.ts';
import { benchWorkflow } from './workflow.ts';

export const VIEWPORT = { width: 1440, height: 900 };

export type BenchSession = {
  base: string;
  browser: Browser;
  /** The signed-in user's context and a page in it. */
  ctx: BrowserContext;
  page: Page;
  /** Creates a `benchWorkflow(n)` as the signed-in user; answers its id. */
  createWorkflow(n: number): Promise<string>;
  close(): Promise<void>;
};

/**
 * What every client bench script starts with: Tandem (started in embedded mode unless `process.argv[2]` gives a
 * URL), headless Chromium (`CHROMIUM` or Debian's), and a freshly registered user signed in.
 * @example const s = await openBenchSession('prof'); try { await s.createWorkflow(200) } finally { await s.close() }
 */
export async function openBenchSession(who: string): Promise<BenchSession> {
  let app: App | undefined;
  const base = process.argv[2] ?? (app = await startApp()).url;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const close = async () => {
    await browser.close();
    await app?.stop();
  };
  try {
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    const page = await ctx.newPage();
    const reg = await page.request.post(`${base}/api/auth/register`, {
      data: { email: `${who}${Date.now()}@example.com`, name: who, password: 'correct horse battery' },
      headers: { origin: base },
    });
    if (reg.status() !== 201) throw new Error(`register: ${reg.status()} ${await reg.text()}`);
    const createWorkflow = async (n: number): Promise<string> => {
      const res = await page.request.post(`${base}/api/workflows`, {
        data: benchWorkflow(n),
        headers: { origin: base },
      });
      if (res.status() !== 201) throw new Error(`create workflow: ${res.status()} ${await res.text()}`);
      return (await res.json()).id;
    };
    return { base, browser, ctx, page, createWorkflow, close };
  } catch (err) {
    await close();
    throw err;
  }
}
