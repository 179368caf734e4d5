import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startRunningTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

describe('system status (embedded)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startRunningTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('reports mode, queue, this process as the worker, and open collaboration sessions', async () => {
    const c = new TestClient(api.url);
    await c.register('status@example.com');
    const before = (await c.get('/api/system/status')).json;
    expect(before).toMatchObject({ mode: 'embedded', queueDepth: 0, running: 0, workersOnline: 1 });
    const wf = (await c.post('/api/workflows', { name: 'S' })).json;
    const { token } = (await c.post(`/api/workflows/${wf.id}/collab-token`)).json;
    const provider = new WebsocketProvider(`${api.url.replace('http', 'ws')}/collab`, wf.id, new Y.Doc(), {
      WebSocketPolyfill: WebSocket as never,
      params: { token },
      disableBc: true,
    });
    try {
      await expect
        .poll(async () => (await c.get('/api/system/status')).json.collabSessions)
        .toBe(before.collabSessions + 1);
    } finally {
      provider.destroy();
    }
    expect((await new TestClient(api.url).get('/api/system/status')).status).toBe(401);
  });
});
