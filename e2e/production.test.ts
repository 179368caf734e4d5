import { describe, expect, it } from 'vitest';
import { api, dropNode, node, nodes, openEditor } from './fixtures.ts';
import { shot, startProductionApp } from './harness.ts';
import { useScene } from './scene.ts';

describe('production mode in real browsers (api + worker processes, MariaDB, Redis)', () => {
  const scene = useScene('production', ['Ada', 'Bob'], startProductionApp);

  it('Ada adds a node and runs; Bob sees the node and the run, executed by the separate worker', async () => {
    const { app, ada, bob } = scene;
    const wf = await api(ada.page, app.url, 'POST', '/api/workflows', {
      name: 'Prod together',
      nodes: [
        {
          id: 't',
          name: 'Trigger',
          type: 'manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
      ],
    });
    await scene.share(wf.id, [[bob, 'editor']]);
    await openEditor(ada, app.url, wf.id);
    await openEditor(bob, app.url, wf.id);
    const box = (await ada.page.getByTestId('canvas').boundingBox())!;
    await dropNode(ada.page, 'noOp', { x: box.width / 2 + 200, y: box.height / 2 });
    await expect.poll(() => nodes(bob.page).count(), { timeout: 2000 }).toBe(2);
    await ada.page.getByTestId('run-workflow').click();
    for (const u of [ada, bob])
      await expect
        .poll(() => node(u.page, 'Trigger').getAttribute('data-run-status'), { timeout: 15_000 })
        .toBe('success');
    const status = await api(ada.page, app.url, 'GET', '/api/system/status');
    expect(status).toMatchObject({ mode: 'production' });
    expect(status.workersOnline).toBeGreaterThanOrEqual(1);
    await shot(bob.page, '20-production-bob-sees-run');
  });
});
