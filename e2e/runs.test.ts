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

  it('a failed run says why in the header and takes Ada to the node that failed', async () => {
    const { app, ada } = scene;
    const page = ada.page;
    const wf = await api(page, app.url, 'POST', '/api/workflows', {
      name: 'Fails',
      nodes: [
        { id: 't', name: 'Trigger', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        {
          id: 'x',
          name: 'Explode',
          type: 'code',
          typeVersion: 2,
          position: [280, 0],
          parameters: { mode: 'runOnceForAllItems', jsCode: "throw new Error('boom 42');" },
        },
      ],
      connections: { Trigger: { main: [[{ node: 'Explode', type: 'main', index: 0 }]] } },
      settings: { executionOrder: 'v1' },
    });
    await openEditor(ada, app.url, wf.id);
    await page.getByTestId('run-workflow').click();
    const header = page.getByTestId('editor-header');
    await expect
      .poll(() => header.getByTestId('run-status').textContent(), { timeout: 10_000 })
      .toMatch(/^Failed · /);

    // The status is a button: Enter opens what went wrong, Escape closes it and gives the focus back.
    const toggle = header.getByTestId('run-error-toggle');
    const popover = header.getByTestId('run-error-popover');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => popover.getByTestId('run-error-message').textContent()).toContain('boom 42');
    await expect.poll(() => popover.getByTestId('run-error-node').textContent()).toBe('Explode');
    await shot(page, '12-run-error-popover');
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

    // "Show node" with the node out of view: selected, brought into view, its panel on its error.
    const canvas = page.getByTestId('canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 60);
    await page.mouse.wheel(-2 * box.width, 0);
    const inCanvas = async () => {
      const c = (await canvas.boundingBox())!;
      const n = (await node(page, 'Explode').boundingBox())!;
      return n.x >= c.x && n.y >= c.y && n.x + n.width <= c.x + c.width && n.y + n.height <= c.y + c.height;
    };
    await expect.poll(inCanvas).toBe(false);
    await toggle.click();
    await popover.getByTestId('run-error-show-node').click();
    await popover.waitFor({ state: 'detached' });
    const panel = page.getByTestId('property-panel');
    await expect.poll(() => panel.getAttribute('data-node-id')).toBe('x');
    await expect.poll(() => panel.getByTestId('run-data-error').textContent()).toContain('boom 42');
    // The focus follows: into the panel, on its Output tab, so a keyboard user lands on the error.
    const focusInPanel = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.closest('[data-testid="property-panel"]') ? el.getAttribute('data-testid') : null;
      });
    await expect.poll(focusInPanel).toBe('panel-tab-output');
    await expect.poll(inCanvas).toBe(true);
    expect(
      await page.evaluate(
        () =>
          document
            .querySelector('.react-flow__node.selected [data-testid="canvas-node"]')
            ?.getAttribute('data-node-name') ?? null,
      ),
    ).toBe('Explode');
    await shot(page, '13-run-error-show-node');
    await page.getByTestId('panel-close').click();

    // A failed past run opened from the executions list says the same in its bar.
    await page.getByTestId('executions-toggle').click();
    await page.getByTestId('execution-row').first().click();
    const banner = page.getByTestId('past-run-banner');
    await banner.getByTestId('run-error-toggle').click();
    await expect
      .poll(() => banner.getByTestId('run-error-popover').getByTestId('run-error-message').textContent())
      .toContain('boom 42');
    expect(await banner.getByTestId('run-error-node').textContent()).toBe('Explode');
    await banner.getByTestId('run-error-show-node').click();
    await expect.poll(() => panel.getByTestId('run-data-error').textContent()).toContain('boom 42');
    await expect.poll(focusInPanel).toBe('panel-tab-output');
    await banner.getByTestId('close-past-execution').click();
  });
});
