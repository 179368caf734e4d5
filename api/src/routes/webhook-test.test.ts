import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunningTestApi, startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

describe('test webhooks run the draft while an editor listens', () => {
  let api: TestApi;
  let owner: TestClient;
  beforeAll(async () => {
    api = await startRunningTestApi();
    owner = new TestClient(api.url);
    await owner.register('tester@example.com');
  });
  afterAll(async () => {
    await api?.close();
  });

  const flow = (answer: string) => ({
    name: 'Draft hook',
    nodes: [
      {
        id: 'h',
        name: 'Hook',
        type: 'webhook',
        typeVersion: 2,
        position: [0, 0],
        parameters: { path: 'try-me', httpMethod: 'POST', responseMode: 'lastNode' },
      },
      {
        id: 's',
        name: 'Answer',
        type: 'set',
        typeVersion: 3.4,
        position: [200, 0],
        parameters: { mode: 'raw', jsonOutput: `={{ { "answer": "${answer}", "got": $json.body.q } }}` },
      },
    ],
    connections: { Hook: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  });
  const call = () =>
    fetch(`${api.url}/webhook-test/try-me`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"q":7}',
    });

  it('answers 404 until someone listens, then runs the current (unpublished) draft', async () => {
    const wf = (await owner.post('/api/workflows', flow('first'))).json;
    expect((await call()).status).toBe(404);
    const listen = await owner.post(`/api/workflows/${wf.id}/webhook-test`);
    expect(listen.status).toBe(200);
    expect(listen.json.webhooks[0]).toMatchObject({ method: 'POST', path: 'try-me' });
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(await res.json()).toEqual({ answer: 'first', got: 7 });
    // An edit to the draft is live at once, without publishing.
    await owner.put(`/api/workflows/${wf.id}`, flow('edited'));
    expect(await (await call()).json()).toEqual({ answer: 'edited', got: 7 });
    expect((await fetch(`${api.url}/webhook/try-me`, { method: 'POST' })).status).toBe(404);
    const runs = (await owner.get(`/api/executions?workflowId=${wf.id}`)).json.data;
    expect(runs.every((r: { mode: string }) => r.mode === 'webhook-test')).toBe(true);
  });

  it('only editors may listen', async () => {
    const wf = (await owner.post('/api/workflows', { ...flow('x'), name: 'Private hook' })).json;
    const stranger = new TestClient(api.url);
    await stranger.register('stranger-test@example.com');
    expect((await stranger.post(`/api/workflows/${wf.id}/webhook-test`)).status).toBe(404);
  });

  it('keeps listeners in Redis in production mode, so any api instance can take the call', async () => {
    const prod = await startTestApi('mysql', {
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `wt-${Date.now().toString(36)}`,
    });
    try {
      const { testWebhooks } = await import('./webhook-test.ts');
      const c = new TestClient(prod.url);
      await c.register('prod-tester@example.com');
      const wf = (await c.post('/api/workflows', flow('prod'))).json;
      const a = testWebhooks(prod.runtime.deps);
      expect(await a.lookup('POST', 'try-me')).toBeUndefined();
      await a.listen(wf.id, wf.ownerId);
      const key = `${prod.runtime.deps.config.redisPrefix}:webhook-test:POST try-me`;
      expect(Number(await prod.runtime.deps.redis!.pttl(key))).toBeGreaterThan(100_000);
      expect((await a.lookup('POST', 'try-me'))?.workflowId).toBe(wf.id);
      expect(await a.methodsOf('try-me')).toEqual(['POST']);
      await prod.runtime.deps.redis!.del(key);
    } finally {
      await prod.close();
    }
  });
});
