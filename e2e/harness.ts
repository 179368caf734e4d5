import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { freshDatabase } from '../api/src/storage/test-databases.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type App = { url: string; process: ChildProcess; dataDir: string; stop(): Promise<void> };

/**
 * Production mode: a fresh MariaDB database, Redis, and separate `api` and `worker` processes. The browser talks to the
 * api's port (which also serves /collab as one more collab instance on the Redis fan-out); the worker's AI co-author
 * joins documents there too.
 */
export async function startProductionApp(): Promise<App> {
  const db = await freshDatabase('mysql');
  const env = {
    DATABASE_URL: (db.target as { url: string }).url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `e2e-${Date.now().toString(36)}`,
    ENCRYPTION_KEY: 'cd'.repeat(32),
  };
  const api = await startApp(env, 'api');
  let worker: App | undefined;
  try {
    const collabUrl = `${api.url.replace(/^http/, 'ws')}/collab`;
    worker = await startApp({ ...env, COLLAB_URL: collabUrl, LOG_LEVEL: 'info' }, 'worker', /worker is up/);
  } catch (err) {
    await api.stop();
    throw err;
  }
  return {
    ...api,
    async stop() {
      // Each step runs even if an earlier one fails: nothing may outlive the test.
      await Promise.allSettled([worker?.stop(), api.stop()]);
      await db.drop();
    },
  };
}

/** Starts Tandem (`api/src/cli.ts start`, embedded unless `env` says otherwise) on a free port with fresh data. */
export async function startApp(
  env: Record<string, string> = {},
  command = 'start',
  ready = /open (http:\/\/\S+)/,
): Promise<App> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-e2e-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'api/src/cli.ts'), command], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Tandem did not start:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d;
      const m = output.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ?? '');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`Tandem exited ${code}:\n${output}`)));
  });
  return {
    url,
    process: child,
    dataDir,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless; Playwright gives every launch a fresh, empty profile directory. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** A browser context at 1280×800 that records a trace, kept when the test fails. */
export async function newUserContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.tracing.start({ screenshots: true, snapshots: true });
  return context;
}

export async function saveTrace(context: BrowserContext, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await context.tracing.stop({ path: path.join(ARTIFACTS, `${name}.trace.zip`) }).catch(() => {});
}

/** Saves a screenshot as a test artefact: test-results/e2e/<name>.png */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Registers a user through the UI-less API inside the page's context (sets its session cookie). */
export async function registerVia(
  page: Page,
  base: string,
  email: string,
  name: string,
): Promise<{ id: string }> {
  const res = await page.request.post(`${base}/api/auth/register`, {
    data: { email, name, password: 'correct horse battery' },
    headers: { origin: base },
  });
  if (res.status() !== 201) throw new Error(`register ${email}: ${res.status()} ${await res.text()}`);
  return res.json();
}
