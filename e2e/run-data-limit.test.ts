import { describe, expect, it } from 'vitest';
import { api, node, openEditor } from './fixtures.ts';
import { shot, startApp } from './harness.ts';
import { useScene } from './scene.ts';

/** Manual trigger → Code returning 2,000 items of ~1 KB (~2 MB of run data, over a 1 MB limit). */
const big = {
  name: 'Too much data',
  nodes: [
    { id: 't', name: 'Trigger', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    {
      id: 'c',
      name: 'Big',
      type: 'code',
      typeVersion: 2,
      position: [280, 0],
      parameters: {
        mode: 'runOnceForAllItems',
        jsCode: "return Array.from({ length: 2000 }, (_, i) => ({ json: { i, pad: 'x'.repeat(1000) } }));",
      },
    },
  ],
  connections: { Trigger: { main: [[{ node: 'Big', type: 'main', index: 0 }]] } },
  settings: { executionOrder: 'v1' },
};

describe('a run over the storage limit (embedded mode, EXECUTIONS_MAX_RUN_DATA_MB=1)', () => {
  const scene = useScene('run-data-limit', ['Ada'], () => startApp({ EXECUTIONS_MAX_RUN_DATA_MB: '1' }));

  it('shows how many items a node had and that they were not kept, not "no items"', async () => {
    const { app, ada } = scene;
    const page = ada.page;
    const wf = await api(page, app.url, 'POST', '/api/workflows', big);
    await openEditor(ada, app.url, wf.id);
    await page.getByTestId('run-workflow').click();
    await expect
      .poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 })
      .toMatch(/^Failed · /);

    const badge = node(page, 'Big');
    await expect.poll(() => badge.getAttribute('data-run-items-not-kept'), { timeout: 10_000 }).toBe('true');
    expect(await badge.getAttribute('data-run-items')).toBe('2000');

    await badge.dblclick();
    const panel = page.getByTestId('property-panel');
    await panel.getByTestId('panel-tab-output').click();
    await expect
      .poll(() => panel.getByTestId('run-data-not-kept').textContent())
      .toBe("2,000 items — not kept: this run's data was over the storage limit");
    expect(await panel.getByTestId('run-data-count').textContent()).toBe('2,000 items');
    await shot(page, '50-run-data-not-kept');
    await page.getByTestId('panel-close').click();

    // The same run opened from the executions list (its overlay from the stored run data).
    await page.getByTestId('executions-toggle').click();
    await page.getByTestId('execution-row').first().click();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toContain('Past run');
    await expect.poll(() => badge.getAttribute('data-run-items')).toBe('2000');
    expect(await badge.getAttribute('data-run-items-not-kept')).toBe('true');
  });
});
