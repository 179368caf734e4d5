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
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';
import { capturedHeaders, decodeWebhookPath, reply, webhookLimitsFromEnv } from './webhook-http.ts';
import { webhookRoutes } from './webhooks.ts';

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
  execute: (ctx) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve([ctx.inputs[0]]), 1500);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(t);
        reject(ctx.signal.reason);
      });
    }),
};

function hook(path: string, parameters: Record<string, unknown>, next?: string): WorkflowJson {
  const nodes: WorkflowJson['nodes'] = [
    {
      id: 'w',
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

describe('webhook request and answer hygiene (embedded mode)', () => {
  let api: TestApi;
  let services: ExecutionServices;
  let worker: ExecutionWorker;
  let owner: TestClient;

  beforeAll(async () => {
    api = await startTestApi('sqlite');
    services = await createExecutionServices({});
    (api.runtime.deps as unknown as { executions: ExecutionServices }).executions = services;
    const runner = new ExecutionRunner({
      store: api.runtime.storage.executions.store,
      events: services.events,
      runWorkflow,
      nodeTypes: createRegistry([...workerNodeTypes, slow]),
    });
    worker = await startExecutionWorker({
      queue: services.queue,
      events: services.events,
      store: api.runtime.storage.executions.store,
      runner,
    });
    owner = new TestClient(api.url);
    await owner.register('hooks@example.com');
  });
  afterAll(async () => {
    await worker?.stop(500);
    await services?.close(500);
    await api?.close();
  });

  const publish = async (wf: WorkflowJson) => {
    const created = await owner.post('/api/workflows', wf);
    expect(created.status).toBe(201);
    expect((await owner.post(`/api/workflows/${created.json.id}/publish`)).status).toBe(201);
    return created.json.id as string;
  };
  const post = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/webhook/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"a":1}',
    });

  it('sandboxes every answer and drops author-set cookies and security headers', async () => {
    await publish(
      hook('html', {
        responseMode: 'onReceived',
        options: {
          responseData: '<script>alert(1)</script>',
          responseHeaders: {
            entries: [
              { name: 'Content-Type', value: 'text/html' },
              { name: 'Set-Cookie', value: 'tandem_session=fixed' },
              { name: 'Content-Security-Policy', value: "default-src *; script-src 'unsafe-inline'" },
              { name: 'X-Custom', value: 'kept' },
            ],
          },
        },
      }),
    );
    const res = await post('html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-custom')).toBe('kept');
    const unknown = await post('nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-security-policy')).toBe('sandbox');
  });

  it('never captures the caller’s cookie or a Tandem API key into the trigger item', async () => {
    await publish(hook('echo', { responseMode: 'lastNode' }, 'n8n-nodes-base.noOp'));
    const res = await post('echo', {
      cookie: 'tandem_session=victim',
      authorization: 'Bearer tdm_secretkey',
      'x-trace': 't1',
    });
    expect(res.status).toBe(200);
    const item = await res.json();
    expect(item.headers['x-trace']).toBe('t1');
    expect(item.headers.cookie).toBeUndefined();
    expect(item.headers.authorization).toBeUndefined();
    expect(JSON.stringify(item)).not.toContain('victim');
    const own = await post('echo', { authorization: 'Bearer partner-token' });
    expect((await own.json()).headers.authorization).toBe('Bearer partner-token');
  });

  it('enforces the IP allowlist and "ignore bots" before any execution', async () => {
    const denied = await publish(hook('allow', { options: { ipWhitelist: '10.0.0.0/8, 1.2.3.4' } }));
    const res = await post('allow');
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/whitelist/i);
    expect((await owner.get(`/api/executions?workflowId=${denied}`)).json.data).toEqual([]);
    await publish(hook('local', { options: { ipWhitelist: '127.0.0.0/8,::1' } }));
    expect((await post('local')).status).toBe(200);
    await publish(hook('nobots', { options: { ignoreBots: true } }));
    expect((await post('nobots', { 'user-agent': 'Googlebot/2.1' })).status).toBe(403);
    expect((await post('nobots', { 'user-agent': 'curl/8' })).status).toBe(200);
  });

  it('stops answering as soon as its workflow is archived, and answers again once restored', async () => {
    const id = await publish(hook('archived-hook', {}));
    expect((await post('archived-hook')).status).toBe(200);
    expect((await owner.delete(`/api/workflows/${id}`)).status).toBe(200);
    const gone = await post('archived-hook');
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.code).toBe('not_found');
    expect((await owner.post(`/api/workflows/${id}/unarchive`)).status).toBe(200);
    expect((await post('archived-hook')).status).toBe(200);
  });

  it('answers 404 to a malformed percent-encoded path', async () => {
    const res = await fetch(`${api.url}/webhook/%E0%A4%A`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    expect(decodeWebhookPath('a%20b')).toBe('a b');
  });

  it('limits calls per client address and pending answers per path', async () => {
    await publish(hook('slow-answer', { responseMode: 'lastNode' }, 'slow'));
    const app = webhookRoutes(api.runtime.deps, { ratePerIp: 1000, ratePerPath: 1000, maxPendingPerPath: 1 });
    const call = (path: string) => app.request(`/webhook/${path}`, { method: 'POST', body: '{}' });
    const first = call('slow-answer');
    await expect.poll(async () => (await call('slow-answer')).status).toBe(503);
    expect((await first).status).toBe(200);

    await publish(hook('ip-a', {}));
    await publish(hook('ip-b', {}));
    const tight = webhookRoutes(api.runtime.deps, { ratePerIp: 3, ratePerPath: 1000, maxPendingPerPath: 10 });
    const statuses: number[] = [];
    for (const p of ['ip-a', 'ip-b', 'ip-a', 'ip-b', 'ip-a'])
      statuses.push((await tight.request(`/webhook/${p}`, { method: 'POST', body: '{}' })).status);
    // The per-address window spans paths, so the 4th call is refused even though each path saw at most 3.
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});

describe('webhook helpers', () => {
  it('reads limits from the environment and keeps defaults on bad values', () => {
    expect(
      webhookLimitsFromEnv({ WEBHOOK_RATE_PER_PATH: '5000', WEBHOOK_RATE_PER_IP: 'lots' }),
    ).toMatchObject({
      ratePerPath: 5000,
      ratePerIp: 100,
    });
    expect(webhookLimitsFromEnv({}).ratePerPath).toBe(200);
  });
  it('drops invalid author headers instead of failing', () => {
    const res = reply(200, { 'bad header': 'x', 'X-Ok': 'y' }, { ok: true });
    expect(res.headers.get('x-ok')).toBe('y');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    const h = capturedHeaders(new Headers({ cookie: 'a=b', 'x-sig': 's', 'x-a': '1' }), 'x-sig');
    expect(h).toEqual({ 'x-a': '1' });
  });
});
