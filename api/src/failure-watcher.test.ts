import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startRunningTestApi, type TestApi, TestClient } from './test-support/harness.ts';

describe('failure watcher (opt-in per workflow)', () => {
  let api: TestApi;
  let c: TestClient;
  beforeAll(async () => {
    api = await startRunningTestApi();
    c = new TestClient(api.url);
    await c.register('watcher@example.com');
  });
  afterAll(async () => {
    await api?.close();
  });

  const flow = (failureWatcher: boolean) => ({
    name: `Flaky ${failureWatcher}`,
    nodes: [
      { id: 's', name: 'Start', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      {
        id: 'f',
        name: 'Call partner',
        type: 'stopAndError',
        typeVersion: 1,
        position: [200, 0],
        parameters: { errorMessage: 'partner API answered 503: temporarily unavailable' },
      },
    ],
    connections: { Start: { main: [[{ node: 'Call partner', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' as const, failureWatcher },
  });

  const suggestionsOf = async (workflowId: string) => {
    const stored = await api.runtime.storage.documents.loadDocument(workflowId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u.update);
    return [...doc.getMap('suggestions').values()] as { rationale?: string }[];
  };

  it('posts a proposed fix into the document after a failed run of a watched, published workflow', async () => {
    const wf = (await c.post('/api/workflows', flow(true))).json;
    await c.post(`/api/workflows/${wf.id}/publish`);
    expect((await c.post(`/api/workflows/${wf.id}/execute`, { wait: 20 })).json.status).toBe('failed');
    await expect
      .poll(async () => (await suggestionsOf(wf.id)).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(JSON.stringify(await suggestionsOf(wf.id))).toMatch(/temporary|retry/i);
  });

  it('stays quiet for workflows that did not opt in', async () => {
    const wf = (await c.post('/api/workflows', flow(false))).json;
    await c.post(`/api/workflows/${wf.id}/publish`);
    expect((await c.post(`/api/workflows/${wf.id}/execute`, { wait: 20 })).json.status).toBe('failed');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await suggestionsOf(wf.id)).toHaveLength(0);
  });
});
