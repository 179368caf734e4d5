import { describe, expect, it } from 'vitest';
import { api, node, openEditor, type User } from './fixtures.ts';
import { shot } from './harness.ts';
import { useScene } from './scene.ts';

const flow = (name: string, trigger: Record<string, unknown>) => ({
  name,
  nodes: [
    { id: 't', name: 'Trigger', position: [0, 0], parameters: {}, ...trigger },
    {
      id: 's',
      name: 'Shape',
      type: 'set',
      typeVersion: 3.4,
      position: [280, 0],
      parameters: { mode: 'raw', jsonOutput: '={{ { "n": 1 } }}' },
    },
    {
      id: 'c',
      name: 'Fan out',
      type: 'code',
      typeVersion: 2,
      position: [560, 0],
      parameters: { mode: 'runOnceForAllItems', jsCode: 'return [1, 2, 3].map((i) => ({ json: { i } }));' },
    },
  ],
  connections: {
    Trigger: { main: [[{ node: 'Shape', type: 'main', index: 0 }]] },
    Shape: { main: [[{ node: 'Fan out', type: 'main', index: 0 }]] },
  },
  settings: { executionOrder: 'v1' },
});

describe('runs light up every canvas (embedded mode, real browsers)', () => {
  const scene = useScene('runs', ['Ada', 'Bob']);

  const statusOf = (u: User, name: string) => node(u.page, name).getAttribute('data-run-status');
  const itemsOf = (u: User, name: string) => node(u.page, name).getAttribute('data-run-items');

  it('Ada runs the workflow; both see each node succeed with its item count', async () => {
    const { app, ada, bob } = scene;
    const wf = await api(
      ada.page,
      app.url,
      'POST',
      '/api/workflows',
      flow('Run me', { type: 'manualTrigger', typeVersion: 1 }),
    );
    await scene.share(wf.id, [[bob, 'editor']]);
    await openEditor(ada, app.url, wf.id);
    await openEditor(bob, app.url, wf.id);
    await ada.page.getByTestId('run-workflow').click();
    for (const u of [ada, bob]) {
      await expect.poll(() => statusOf(u, 'Fan out'), { timeout: 10_000 }).toBe('success');
      expect(await statusOf(u, 'Shape')).toBe('success');
      expect(await itemsOf(u, 'Fan out')).toBe('3');
    }
    await shot(ada.page, '10-run-overlay-ada');
    await shot(bob.page, '10-run-overlay-bob');
  });

  it('a webhook call from outside lights up both canvases', async () => {
    const { app, ada, bob } = scene;
    const wf = await api(
      ada.page,
      app.url,
      'POST',
      '/api/workflows',
      flow('Hooked', {
        type: 'webhook',
        typeVersion: 2,
        parameters: { path: 'e2e-hook', httpMethod: 'POST', responseMode: 'lastNode' },
      }),
    );
    await scene.share(wf.id, [[bob, 'editor']]);
    await api(ada.page, app.url, 'POST', `/api/workflows/${wf.id}/publish`, {});
    await openEditor(ada, app.url, wf.id);
    await openEditor(bob, app.url, wf.id);
    const res = await fetch(`${app.url}/webhook/e2e-hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"from":"outside"}',
    });
    expect(res.status).toBe(200);
    for (const u of [ada, bob]) {
      await expect.poll(() => statusOf(u, 'Fan out'), { timeout: 10_000 }).toBe('success');
      expect(await itemsOf(u, 'Fan out')).toBe('3');
    }
    await shot(ada.page, '11-webhook-overlay-ada');
    await shot(bob.page, '11-webhook-overlay-bob');
  });
});
