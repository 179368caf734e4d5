import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { type AttachExecutionsOptions, attachExecutions } from '../execution-process.ts';
import { testLogger } from '../logger.ts';
import { engineServicesFor, runtimeRegistry } from '../node-runtime.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { type HttpServer, startHttpServer } from '../server.ts';
import { freshDatabase, type TestDatabase } from '../storage/test-databases.ts';

export type TestApi = { url: string; runtime: Runtime; http: HttpServer; close(): Promise<void> };

/**
 * A real api on a real socket (127.0.0.1, free port) over a fresh database of the given dialect.
 * `env` adds environment variables (e.g. REDIS_URL).
 */
export async function startTestApi(
  dialect: 'sqlite' | 'mysql',
  env: Record<string, string> = {},
): Promise<TestApi> {
  const tdb: TestDatabase = await freshDatabase(dialect);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-api-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: tdb.target.dialect === 'mysql' ? tdb.target.url : `sqlite:${tdb.target.file}`,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT: '1000',
    ...env,
  });
  const runtime = await createRuntime(config, { logger: testLogger() });
  const http = await startHttpServer(runtime.deps, {
    onUpgrade: (req, socket, head) => runtime.collab().handleUpgrade(req, socket, head),
  });
  return {
    url: http.url,
    runtime,
    http,
    async close() {
      await http.close();
      await runtime.close();
      await tdb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `startTestApi` that also runs executions in its process the way `./tandem start` does (the real node
 * implementations, engine services and failure watcher); `options` replaces any of them. `close()` stops the runner first.
 */
export async function startRunningTestApi(
  dialect: 'sqlite' | 'mysql' = 'sqlite',
  env: Record<string, string> = {},
  options: Partial<AttachExecutionsOptions> = {},
): Promise<TestApi> {
  const api = await startTestApi(dialect, env);
  const registry = runtimeRegistry(api.runtime.deps);
  const services = engineServicesFor(api.runtime.deps);
  const stop = await attachExecutions(api.runtime, {
    runWorker: true,
    nodeTypes: registry,
    engineServices: services,
    onFailed: (record, workflow, result) => api.runtime.deps.ai.watchFailure(record, workflow, result),
    ...options,
  });
  return {
    ...api,
    async close() {
      await stop();
      registry.stop();
      services.stop();
      await api.close();
    },
  };
}

/** A browser-like client: keeps its session cookie and sends a same-origin Origin header on writes. */
export class TestClient {
  cookie = '';
  readonly base: string;
  readonly headers: Record<string, string>;
  constructor(base: string, headers: Record<string, string> = {}) {
    this.base = base;
    this.headers = headers;
  }

  async request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { origin: this.base, ...this.headers, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.base + pathname, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('tandem_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie =
        /Max-Age=0|expires=Thu, 01 Jan 1970/i.test(setCookie) || value === 'tandem_session=' ? '' : value;
    }
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  }
  get = (p: string, h?: Record<string, string>) => this.request('GET', p, undefined, h);
  post = (p: string, b?: unknown, h?: Record<string, string>) => this.request('POST', p, b ?? {}, h);
  put = (p: string, b?: unknown, h?: Record<string, string>) => this.request('PUT', p, b, h);
  delete = (p: string, h?: Record<string, string>) => this.request('DELETE', p, undefined, h);

  /** Registers (and so signs in) a new user; answers the user object. */
  async register(email: string, name = email.split('@')[0]!, password = 'correct horse battery') {
    const res = await this.post('/api/auth/register', { email, password, name });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
    return res.json as { id: string; email: string; name: string; role: string };
  }
}
