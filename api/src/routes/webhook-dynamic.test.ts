import type { WorkflowJson } from '@tandem/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunningTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

type Hook = { id: string; webhookId?: string; path: string; method?: string; answer?: string };

/** Webhook nodes; each answers its request item (lastNode) or, with `answer`, that text at once. */
function flow(name: string, hooks: Hook[]): WorkflowJson {
  const nodes: WorkflowJson['nodes'] = [];
  const connections: WorkflowJson['connections'] = {};
  for (const h of hooks) {
    nodes.push({
      id: h.id,
      name: `Hook ${h.id}`,
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0],
      ...(h.webhookId ? { webhookId: h.webhookId } : {}),
      parameters: {
        httpMethod: h.method ?? 'GET',
        path: h.path,
        ...(h.answer
          ? { responseMode: 'onReceived', options: { responseData: h.answer } }
          : { responseMode: 'lastNode' }),
      },
    });
    nodes.push({
      id: `${h.id}-next`,
      name: `Next ${h.id}`,
      type: 'n8n-nodes-base.noOp',
      typeVersion: 1,
      position: [200, 0],
      parameters: {},
    });
    connections[`Hook ${h.id}`] = { main: [[{ node: `Next ${h.id}`, type: 'main', index: 0 }]] };
  }
  return { name, nodes, connections, settings: {} };
}

describe.each([
  ['sqlite', 'embedded', {}],
  [
    'mysql',
    'production (Redis + BullMQ)',
    { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: `wd-${Date.now().toString(36)}` },
  ],
] as const)('webhook paths with route parameters (%s, %s mode)', (dialect, _mode, env) => {
  let api: TestApi;
  let owner: TestClient;
  beforeAll(async () => {
    api = await startRunningTestApi(dialect, { ...env });
    owner = new TestClient(api.url);
    await owner.register(`dynamic-${dialect}@example.com`);
  });
  afterAll(async () => {
    await api?.close();
  });

  const create = async (wf: WorkflowJson) => {
    const created = await owner.post('/api/workflows', wf);
    expect(created.status).toBe(201);
    return created.json.id as string;
  };
  const publish = async (wf: WorkflowJson) => {
    const id = await create(wf);
    return { id, res: await owner.post(`/api/workflows/${id}/publish`) };
  };
  const call = (path: string, method = 'GET') => fetch(`${api.url}${path}`, { method });

  it('serves /webhook/<webhookId>/… and exposes the values as $json.params', async () => {
    const { id, res } = await publish(
      flow('orders', [{ id: 'o1', webhookId: 'orders-hook', path: '/users/:id/orders/:orderId' }]),
    );
    expect(res.status).toBe(201);
    expect(res.json.webhooks).toEqual([
      { method: 'GET', path: 'orders-hook/users/:id/orders/:orderId', node: 'Hook o1' },
    ]);
    const hit = await call('/webhook/orders-hook/users/42/orders/a%2Fb?q=1');
    expect(hit.status).toBe(200);
    const item = await hit.json();
    expect(item.params).toEqual({ id: '42', orderId: 'a/b' });
    expect(item.query).toEqual({ q: '1' });
    const runs = (await owner.get(`/api/executions?workflowId=${id}`)).json.data;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ mode: 'webhook', status: 'succeeded' });
  });

  it('lets a static path win over a dynamic one and answers 404/405 otherwise', async () => {
    const { res } = await publish(
      flow('static', [{ id: 's1', path: 'orders-hook/users/me/orders/latest', answer: 'static' }]),
    );
    expect(res.status).toBe(201);
    expect(await (await call('/webhook/orders-hook/users/me/orders/latest')).text()).toBe('static');
    expect((await (await call('/webhook/orders-hook/users/you/orders/latest')).json()).params).toEqual({
      id: 'you',
      orderId: 'latest',
    });
    const wrongMethod = await call('/webhook/orders-hook/users/1/orders/2', 'POST');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    for (const path of [
      '/webhook/orders-hook/users/1',
      '/webhook/orders-hook/users//orders/2',
      '/webhook/orders-hook/users/1/orders/2/3',
      '/webhook/other-hook/users/1/orders/2',
    ]) {
      const miss = await call(path);
      expect(miss.status, path).toBe(404);
      expect((await miss.json()).error.code).toBe('not_found');
    }
  });

  it('refuses at publish a path of the same shape as another workflow’s (409) or within one (409)', async () => {
    const other = await publish(
      flow('same shape', [{ id: 'c1', webhookId: 'orders-hook', path: 'users/:user/orders/:o' }]),
    );
    expect(other.res.status).toBe(409);
    expect(other.res.json.error).toMatchObject({
      code: 'conflict',
      details: { method: 'GET', path: 'orders-hook/users/:user/orders/:o' },
    });
    // Another method on the same shape is a different webhook.
    const post = await publish(
      flow('post', [{ id: 'c2', webhookId: 'orders-hook', path: 'users/:id/orders/:o', method: 'POST' }]),
    );
    expect(post.res.status).toBe(201);
    const twice = await publish(
      flow('twice', [
        { id: 't1', webhookId: 'dup', path: 'a/:x' },
        { id: 't2', webhookId: 'dup', path: 'a/:y' },
      ]),
    );
    expect(twice.res.status).toBe(409);
    expect(twice.res.json.error.message).toMatch(/Two webhook nodes listen on GET dup\/a\/:y/);
  });

  it('refuses paths that cannot be served with a clear 400', async () => {
    for (const [path, message] of [
      ['users/:id/x/:id', /appears twice/],
      ['users//:id', /empty segment/],
      ['users/:/x', /not a valid parameter/],
    ] as const) {
      const { res } = await publish(flow(`bad ${path}`, [{ id: `b-${path}`, webhookId: 'bad', path }]));
      expect(res.status, path).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.message).toMatch(message);
    }
  });

  it('stops serving a dynamic path on unpublish', async () => {
    const { id } = await publish(flow('gone', [{ id: 'g1', webhookId: 'gone-hook', path: 'x/:n' }]));
    expect((await call('/webhook/gone-hook/x/1')).status).toBe(200);
    expect((await owner.post(`/api/workflows/${id}/unpublish`)).status).toBe(200);
    expect((await call('/webhook/gone-hook/x/1')).status).toBe(404);
  });

  it('serves the draft’s dynamic path under /webhook-test while an editor listens', async () => {
    // A node made in Tandem has no webhook id: its node id prefixes the path.
    const id = await create(flow('draft', [{ id: 'draft-node', path: 'items/:itemId' }]));
    expect((await call('/webhook-test/draft-node/items/5')).status).toBe(404);
    const listen = await owner.post(`/api/workflows/${id}/webhook-test`);
    expect(listen.status).toBe(200);
    expect(listen.json.webhooks[0]).toMatchObject({ path: 'draft-node/items/:itemId' });
    expect(listen.json.webhooks[0].url).toMatch(/\/webhook-test\/draft-node\/items\/:itemId$/);
    const hit = await call('/webhook-test/draft-node/items/5');
    expect(hit.status).toBe(200);
    expect((await hit.json()).params).toEqual({ itemId: '5' });
    expect((await call('/webhook-test/draft-node/items/5', 'POST')).status).toBe(405);
    expect((await call('/webhook-test/draft-node/items')).status).toBe(404);
    expect((await call('/webhook/draft-node/items/5')).status).toBe(404);
    const runs = (await owner.get(`/api/executions?workflowId=${id}`)).json.data;
    expect(runs.map((r: { mode: string }) => r.mode)).toEqual(['webhook-test']);
  });

  it('refuses to listen on a draft path that cannot be served', async () => {
    const id = await create(flow('bad draft', [{ id: 'bd', path: 'a/:x/:x' }]));
    const listen = await owner.post(`/api/workflows/${id}/webhook-test`);
    expect(listen.status).toBe(400);
    expect(listen.json.error.message).toMatch(/appears twice/);
  });
});
