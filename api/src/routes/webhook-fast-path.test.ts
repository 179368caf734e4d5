import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { createRegistry, type NodeType, runWorkflow } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import {
  createExecutionServices,
  ExecutionRunner,
  type ExecutionServices,
  type ExecutionWorker,
  startExecutionWorker,
} from '@tandem/worker';
import { nodeTypes as workerNodeTypes } from '@tandem/worker/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, startHttpServer } from '../server.ts';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';
import { rawRequest } from '../test-support/raw-request.ts';
import { IncomingHeaderList, takesFastPath } from './webhook-fast-path.ts';

// The fast path (node:http, no Hono) must answer exactly as the Hono route: both servers below share one runtime,
// one with the fast path (the default) and one without, and every call is made to both.

const slow: NodeType = {
  description: {
    type: 'slow',
    displayName: 'slow',
    description: 'slow',
    group: 'transform',
    versions: [1],
    inputs: 1,
    outputs: 1,
    properties: [],
  } as unknown as NodeType['description'],
  execute: (ctx) => new Promise((resolve) => setTimeout(() => resolve([ctx.inputs[0]]), 400)),
};

function hook(path: string, parameters: Record<string, unknown>, next?: string): WorkflowJson {
  const nodes: WorkflowJson['nodes'] = [
    {
      id: `w-${path}`,
      name: 'Webhook',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0],
      parameters: { httpMethod: 'POST', path, ...parameters },
    },
  ];
  if (next)
    nodes.push({ id: 'n', name: 'Next', type: next, typeVersion: 1, position: [200, 0], parameters: {} });
  return {
    name: path,
    nodes,
    connections: next ? { Webhook: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } } : {},
    settings: {},
  };
}

/** One raw HTTP/1.1 call; the answer without what differs by server (date, port). */
async function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  const { port } = new URL(base);
  const res = await rawRequest(base, method, path, headers, body);
  delete res.headers.date;
  return { ...res, body: res.body.replaceAll(port, 'PORT') };
}

async function setup(env: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const api = await startTestApi('sqlite');
  const plain = await startHttpServer(api.runtime.deps, {
    port: 0,
    host: '127.0.0.1',
    webhookFastPath: false,
  });
  // A port below 60000: the fast path takes only hosts @hono/node-server uses as they are (webhook-fast-path.ts).
  const fast = await startHttpServer(api.runtime.deps, {
    port: 20000 + Math.floor(Math.random() * 20000),
    host: '127.0.0.1',
  });
  process.env = saved;
  const host = new URL(fast.url).host.replace('localhost', '127.0.0.1');
  const probe = { url: '/webhook/x', method: 'POST', headers: { host } } as unknown as IncomingMessage;
  expect(takesFastPath(probe)).toBe(true);
  const services = await createExecutionServices({});
  (api.runtime.deps as unknown as { executions: ExecutionServices }).executions = services;
  const worker = await startExecutionWorker({
    queue: services.queue,
    events: services.events,
    store: api.runtime.storage.executions.store,
    runner: new ExecutionRunner({
      store: api.runtime.storage.executions.store,
      events: services.events,
      runWorkflow,
      nodeTypes: createRegistry([...workerNodeTypes, slow]),
    }),
  });
  const owner = new TestClient(api.url);
  await owner.register('fast@example.com');
  const publish = async (wf: WorkflowJson) => {
    const created = await owner.post('/api/workflows', wf);
    expect(created.status).toBe(201);
    expect((await owner.post(`/api/workflows/${created.json.id}/publish`)).status).toBe(201);
    return created.json.id as string;
  };
  /** Calls the fast and the plain server alike and expects the same answer; returns it. */
  const same = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
    const viaFastPath = await call(fast.url, method, path, headers, body);
    const viaHono = await call(plain.url, method, path, headers, body);
    expect(viaFastPath).toEqual(viaHono);
    return viaFastPath;
  };
  const close = async (s: { api: TestApi; plain: HttpServer; worker: ExecutionWorker }) => {
    await fast.close();
    await s.plain.close();
    await s.worker.stop(500);
    await services.close(500);
    await s.api.close();
  };
  return { api, plain, fast, worker, owner, publish, same, close };
}

describe('webhook fast path answers exactly as the Hono route (embedded mode)', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  let fixedId = '';
  beforeAll(async () => {
    s = await setup();
    fixedId = await s.publish(
      hook('fixed', {
        responseMode: 'onReceived',
        options: {
          responseData: '{"ok":true}',
          responseHeaders: {
            entries: [
              { name: 'content-type', value: 'application/json; charset=utf-8' },
              { name: 'Set-Cookie', value: 'tandem_session=fixed' },
              { name: 'X-Frame-Options', value: 'ALLOW' },
              { name: 'bad header', value: 'x' },
              { name: 'X-Custom', value: '  kept  ' },
              { name: 'X-Control', value: 'a\u0001b' },
              { name: 'Content-Length', value: '1' },
            ],
          },
        },
      }),
    );
    await s.publish(hook('started', {}));
    await s.publish(hook('nobody', { responseCode: 204, options: { noResponseBody: true } }));
    await s.publish(hook('echo', { responseMode: 'lastNode' }, 'n8n-nodes-base.noOp'));
    await s.publish(hook('respond', { responseMode: 'responseNode' }, 'n8n-nodes-base.respondToWebhook'));
    await s.publish(hook('get-echo', { httpMethod: 'GET', responseMode: 'lastNode' }, 'n8n-nodes-base.noOp'));
    await s.publish(hook('allow', { options: { ipWhitelist: '10.0.0.0/8' } }));
    await s.publish(hook('nobots', { options: { ignoreBots: true } }));
    await s.publish(hook('basic', { authentication: 'basicAuth' }));
  });
  afterAll(async () => {
    await s?.close(s);
  });

  const json = { 'content-type': 'application/json' };

  it('answers onReceived calls with the same status, headers and body, and records each call', async () => {
    const a = await s.same('POST', '/webhook/fixed', json, '{"value":21}');
    expect(a.status).toBe(200);
    expect(a.body).toBe('{"ok":true}');
    expect(a.headers['content-security-policy']).toBe('sandbox');
    expect(a.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(a.headers['set-cookie']).toBeUndefined();
    expect(a.headers['x-custom']).toBe('kept');
    expect(a.headers['x-control']).toBeUndefined();
    expect(a.headers['content-length']).toBe('11');
    expect((await s.same('POST', '/webhook/started', json, '{}')).body).toContain('Workflow was started');
    expect((await s.same('POST', '/webhook/nobody', json, '{}')).status).toBe(204);
    // One execution per call, on either path, finished with its run data.
    await expect
      .poll(async () => {
        const list = (await s.owner.get(`/api/executions?workflowId=${fixedId}`)).json.data;
        return list.map((e: { status: string }) => e.status);
      })
      .toEqual(['succeeded', 'succeeded']);
    const [first] = (await s.owner.get(`/api/executions?workflowId=${fixedId}`)).json.data;
    const full = (await s.owner.get(`/api/executions/${first.id}`)).json;
    expect(full.runData?.Webhook?.[0]?.data?.main?.[0]?.[0]?.json?.body).toEqual({ value: 21 });
  });

  it('passes the same trigger item to the workflow (headers, query, every kind of body)', async () => {
    const headers = {
      ...json,
      cookie: 'tandem_session=victim',
      authorization: 'Bearer tdm_secretkey',
      'x-trace': 't1',
      'X-Multi': 'a',
      'user-agent': 'curl/8',
    };
    const a = await s.same('POST', '/webhook/echo?a=1&b=x%20y&a=2', headers, '{"value":21,"name":"bench"}');
    expect(JSON.parse(a.body)).toMatchObject({ body: { value: 21 }, query: { a: '2', b: 'x y' } });
    expect(a.body).not.toContain('victim');
    await s.same('POST', '/webhook/echo', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1&b=2');
    await s.same('POST', '/webhook/echo', { 'content-type': 'text/plain' }, '\uFEFFhello é');
    await s.same('POST', '/webhook/echo', json, '{not json');
    await s.same('POST', '/webhook/echo', json, '');
    await s.same('POST', '/webhook/echo', json);
    await s.same('GET', '/webhook/get-echo?q=1', {});
    await s.same('POST', '/webhook/respond', json, '{"x":[1,2]}');
  });

  it('refuses alike: unknown path, wrong method, allowlist, bots, authentication', async () => {
    expect((await s.same('POST', '/webhook/nothing-here', json, '{}')).status).toBe(404);
    const wrong = await s.same('PUT', '/webhook/echo', json, '{}');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect((await s.same('POST', '/webhook/allow', json, '{}')).status).toBe(403);
    expect((await s.same('POST', '/webhook/nobots', { 'user-agent': 'Googlebot/2.1' }, '{}')).status).toBe(
      403,
    );
    expect((await s.same('POST', '/webhook/basic', json, '{}')).status).toBe(500);
    // Left to Hono by the fast path; still the same answers.
    expect((await s.same('POST', '/webhook/%E0%A4%A', json, '{}')).status).toBe(404);
    expect((await s.same('HEAD', '/webhook/get-echo', {})).status).toBe(405);
    expect((await s.same('POST', '/webhook/./echo', json, '{}')).status).toBe(200);
  });
});

describe('webhook fast path limits alike', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup({ WEBHOOK_RATE_PER_PATH: '4', WEBHOOK_MAX_PENDING_PER_PATH: '1' });
    await s.publish(hook('limited', {}));
    await s.publish(hook('slow', { responseMode: 'lastNode' }, 'slow'));
  });
  afterAll(async () => {
    await s?.close(s);
  });

  it('answers 429 with Retry-After once a path is over its rate, on both servers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await s.same('POST', '/webhook/limited', {}, '{}')).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('answers 503 when too many calls of a path wait for their answer', async () => {
    const first = call(s.fast.url, 'POST', '/webhook/slow', {}, '{}');
    await new Promise((r) => setTimeout(r, 100));
    const busy = await call(s.fast.url, 'POST', '/webhook/slow', {}, '{}');
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    expect((await first).status).toBe(200);
  });

  it('frees the waiting slot of a caller gone before the end of its body', async () => {
    const { port } = new URL(s.fast.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      'POST /webhook/slow HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nContent-Length: 100\r\n\r\n{"a":',
    );
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await call(s.fast.url, 'POST', '/webhook/slow', {}, '{}')).status).toBe(200);
  });
});

describe('webhook fast path helpers', () => {
  const req = (url: string, headers: Record<string, string> = {}, method = 'POST') =>
    ({ url, method, headers: { host: '127.0.0.1:3000', ...headers } }) as unknown as IncomingMessage;

  it('takes only what it answers exactly like Hono', () => {
    expect(takesFastPath(req('/webhook/s1'))).toBe(true);
    expect(takesFastPath(req('/webhook/a/b?x=1'))).toBe(true);
    expect(takesFastPath(req('/webhook/'))).toBe(false);
    expect(takesFastPath(req('/webhook-test/s1'))).toBe(false);
    expect(takesFastPath(req('/webhook/a%20b'))).toBe(false);
    expect(takesFastPath(req('/webhook/a/../b'))).toBe(false);
    expect(takesFastPath(req('/webhook/a b'))).toBe(false);
    expect(takesFastPath(req('/webhook/s1', {}, 'HEAD'))).toBe(false);
    expect(takesFastPath(req('/webhook/s1', { host: 'Example.com' }))).toBe(false);
    expect(takesFastPath(req('/webhook/s1', { 'transfer-encoding': 'chunked' }))).toBe(false);
    expect(takesFastPath(req('/webhook/s1', { 'content-length': String(17 * 1024 * 1024) }))).toBe(false);
    expect(takesFastPath(req('/webhook/s1', { 'content-length': '27' }))).toBe(true);
  });

  it('lists request headers as fetch Headers does', () => {
    const raw = [
      'X-B',
      ' 1 ',
      'Cookie',
      'a=1',
      'x-b',
      '2',
      'Set-Cookie',
      's=1',
      'set-cookie',
      's=2',
      'A',
      'z',
    ];
    const native = new Headers();
    for (let i = 0; i < raw.length; i += 2) native.append(raw[i], raw[i + 1]);
    const mine = new IncomingHeaderList(raw);
    expect([...mine]).toEqual([...native]);
    expect(mine.get('X-B')).toBe(native.get('x-b'));
    expect(mine.get('missing')).toBeNull();
  });
});
