import { describe, expect, it } from 'vitest';
import { api } from './fixtures.ts';
import { shot } from './harness.ts';
import { useScene } from './scene.ts';

const flow = (name: string, jsCode: string) => ({
  name,
  nodes: [
    { id: 't', name: 'Trigger', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    {
      id: 'c',
      name: 'Code',
      type: 'code',
      typeVersion: 2,
      position: [280, 0],
      parameters: { mode: 'runOnceForAllItems', jsCode },
    },
  ],
  connections: { Trigger: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } },
  settings: { executionOrder: 'v1' },
});

describe('the executions page (embedded mode, real browser)', () => {
  const scene = useScene('executions', ['Ada', 'Bob']);

  it('lists every run by workflow name; filters, retries, deletes, opens a run; a viewer sees runs without actions, others none', async () => {
    const { app, ada, bob } = scene;
    const page = ada.page;
    const good = await api(page, app.url, 'POST', '/api/workflows', flow('Good', 'return $input.all();'));
    const broken = await api(
      page,
      app.url,
      'POST',
      '/api/workflows',
      flow('Broken', 'throw new Error("boom");'),
    );
    for (const wf of [good, broken])
      await api(page, app.url, 'POST', `/api/workflows/${wf.id}/execute`, { draft: true, wait: 10 });

    await page.goto(`${app.url}/`);
    await page.getByTestId('nav-executions').click();
    const rows = page.getByTestId('executions-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.getByTestId('executions-open').allTextContents()).toEqual(['Broken', 'Good']);

    // Started in the last hour: both.
    await page.getByTestId('executions-filter-since').selectOption('1h');
    await expect.poll(() => rows.count()).toBe(2);
    // Failed runs only, with their error.
    await page.getByTestId('executions-filter-status').selectOption('failed');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('boom');

    // A retry is a run of its own, started by "Retry"; it fails the same way.
    await rows.first().getByTestId('executions-retry').click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => rows.first().textContent()).toContain('Retry');
    await shot(page, '60-executions-failed');

    // One workflow, any status; delete its run.
    await page.getByTestId('executions-filter-status').selectOption('');
    await page.getByTestId('executions-filter-workflow').selectOption(good.id);
    await expect.poll(() => rows.count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await rows.first().getByTestId('executions-delete').click();
    await page.getByTestId('executions-empty').waitFor();
    expect(await page.getByTestId('executions-empty').textContent()).toContain('No matching executions');

    // A row opens its run on the workflow's canvas.
    await page.getByTestId('executions-filter-workflow').selectOption('');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.first().getByTestId('executions-open').click();
    await page.getByTestId('past-run-banner').waitFor();
    expect(page.url()).toContain(`/workflows/${broken.id}?execution=`);
    // Back to the draft: the address no longer names the run.
    await page.getByTestId('close-past-execution').click();
    await page.getByTestId('past-run-banner').waitFor({ state: 'detached' });
    expect(page.url()).not.toContain('execution=');

    // Bob may see none of Ada's workflows, so none of their runs …
    await bob.page.goto(`${app.url}/executions`);
    await bob.page.getByTestId('executions-empty').waitFor();
    expect(await bob.page.getByTestId('executions-row').count()).toBe(0);
    // … until he views Broken: its runs, without the actions a viewer may not take.
    await scene.share(broken.id, [[bob, 'viewer']]);
    await bob.page.reload();
    const bobRows = bob.page.getByTestId('executions-row');
    await expect.poll(() => bobRows.count()).toBe(2);
    expect(await bobRows.getByTestId('executions-open').allTextContents()).toEqual(['Broken', 'Broken']);
    expect(await bobRows.getByRole('button').count()).toBe(0);
  });
});
