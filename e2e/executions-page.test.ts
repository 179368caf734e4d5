import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
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

/** Creates, through the api, a workflow whose Code node runs `jsCode`. */
const createFlow = (page: Page, base: string, name: string, jsCode: string) =>
  api(page, base, 'POST', '/api/workflows', flow(name, jsCode));

/** Runs a workflow's draft through the api and waits for the run to end. */
const runDraft = (page: Page, base: string, id: string) =>
  api(page, base, 'POST', `/api/workflows/${id}/execute`, { draft: true, wait: 10 });

/** Types `search` into the workflow filter and, by keyboard, picks `choice` among what it then offers. */
async function pickWorkflow(page: Page, search: string, choice: string) {
  const field = page.getByTestId('executions-filter-workflow');
  await field.fill(search);
  await page.locator('[role="listbox"][aria-busy="false"]').waitFor();
  const offered = await page.getByTestId('executions-workflow-option').allTextContents();
  expect(offered).toContain(choice);
  for (let i = 0; i < offered.indexOf(choice); i++) await field.press('ArrowDown');
  await field.press('Enter');
  await expect.poll(() => field.inputValue()).toBe(choice === 'Any workflow' ? '' : choice);
}

describe('the executions page (embedded mode, real browser)', () => {
  const scene = useScene('executions', ['Ada', 'Bob']);

  it('lists every run by workflow name; filters, retries, deletes, opens a run; a viewer sees runs without actions, others none', async () => {
    const { app, ada, bob } = scene;
    const page = ada.page;
    const good = await createFlow(page, app.url, 'Good', 'return $input.all();');
    const broken = await createFlow(page, app.url, 'Broken', 'throw new Error("boom");');
    for (const wf of [good, broken]) await runDraft(page, app.url, wf.id);

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

    // One workflow, any status; delete its run. "O" finds Broken, then Good.
    await page.getByTestId('executions-filter-status').selectOption('');
    await pickWorkflow(page, 'O', 'Good');
    await expect.poll(() => rows.count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await rows.first().getByTestId('executions-delete').click();
    await page.getByTestId('executions-empty').waitFor();
    expect(await page.getByTestId('executions-empty').textContent()).toContain('No matching executions');

    // A row opens its run on the workflow's canvas.
    await pickWorkflow(page, '', 'Any workflow');
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

  it('a viewer sees no actions even for a workflow outside his 200 most recent; the filter finds any workflow by part of its name', async () => {
    const { app, bob } = scene;
    const page = bob.page;
    // Bob views Broken (above). His own Needle and 200 more, all newer, push it out of his 200 most recent workflows.
    const needle = await createFlow(page, app.url, 'Needle in a haystack', 'return [];');
    await runDraft(page, app.url, needle.id);
    for (let i = 0; i < 200; i++) await api(page, app.url, 'POST', '/api/workflows', { name: `Hay ${i}` });
    const recent = await api(page, app.url, 'GET', '/api/workflows?limit=200');
    expect(recent.data.map((w: { name: string }) => w.name)).not.toContain('Broken');

    await page.goto(`${app.url}/executions`);
    const rows = page.getByTestId('executions-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.getByTestId('executions-open').allTextContents()).toEqual([
      'Needle in a haystack',
      'Broken',
      'Broken',
    ]);
    // His own run has Retry and Delete; those of Broken, which he only views, nothing.
    expect(await rows.nth(0).getByRole('button').allTextContents()).toEqual(['Retry', 'Delete']);
    for (const i of [1, 2]) expect(await rows.nth(i).getByRole('button').count()).toBe(0);

    // Empty, the filter offers his most recent workflows, without Needle; typing part of its name finds it.
    const field = page.getByTestId('executions-filter-workflow');
    await field.click();
    await page.getByRole('option', { name: 'Hay 199' }).waitFor();
    expect(await page.getByRole('option', { name: 'Needle in a haystack' }).count()).toBe(0);
    await field.fill('A HAYST');
    await page.getByRole('option', { name: 'Needle in a haystack' }).waitFor();
    await shot(page, '61-executions-workflow-search');
    await pickWorkflow(page, 'A HAYST', 'Needle in a haystack');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.getByTestId('executions-open').textContent()).toBe('Needle in a haystack');
    // The picked workflow keeps its name once the field has lost the focus and offers the recent ones again.
    await page.getByRole('heading', { name: 'Executions' }).click();
    expect(await field.inputValue()).toBe('Needle in a haystack');
    await shot(page, '62-executions-filtered-by-search');

    await pickWorkflow(page, '', 'Any workflow');
    await expect.poll(() => rows.count()).toBe(3);
  });

  it('keeps its filters in the address: a reload, Back from a run, Back and Forward show the same list; a bad value reads as any', async () => {
    const { app, ada } = scene;
    const page = ada.page;
    const flaky = await createFlow(page, app.url, 'Flaky', 'throw new Error("flake");');
    const steady = await createFlow(page, app.url, 'Steady', 'return $input.all();');
    for (const wf of [flaky, flaky, steady]) await runDraft(page, app.url, wf.id);
    const all = (await api(page, app.url, 'GET', '/api/executions')).data.length;
    const rows = page.getByTestId('executions-row');
    const status = page.getByTestId('executions-filter-status');
    const since = page.getByTestId('executions-filter-since');
    const workflow = page.getByTestId('executions-filter-workflow');
    const filtered = `${app.url}/executions?status=failed&workflow=${flaky.id}&since=24h`;
    /** The failed runs of Flaky in the last 24 hours, and the filters that say so. */
    const showsFiltered = async () => {
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.getByTestId('executions-open').allTextContents()).toEqual(['Flaky', 'Flaky']);
      expect(await status.inputValue()).toBe('failed');
      expect(await since.inputValue()).toBe('24h');
      await expect.poll(() => workflow.inputValue()).toBe('Flaky');
      expect(page.url()).toBe(filtered);
    };

    await page.goto(`${app.url}/executions`);
    await expect.poll(() => rows.count()).toBe(all);
    await status.selectOption('failed');
    await pickWorkflow(page, 'flak', 'Flaky');
    await since.selectOption('24h');
    await showsFiltered();
    await shot(page, '63-executions-filters-in-address');

    // A reload keeps them.
    await page.reload();
    await showsFiltered();

    // Back from a run opened here finds them again.
    await rows.first().getByTestId('executions-open').click();
    await page.getByTestId('past-run-banner').waitFor();
    await page.goBack();
    await showsFiltered();

    // "Executions" in the menu is the whole list; Back and Forward go between the two.
    await page.getByTestId('nav-executions').click();
    await expect.poll(() => rows.count()).toBe(all);
    expect(page.url()).toBe(`${app.url}/executions`);
    expect(await status.inputValue()).toBe('');
    await page.goBack();
    await showsFiltered();
    await page.goForward();
    await expect.poll(() => rows.count()).toBe(all);
    expect(await workflow.inputValue()).toBe('');

    // Values it does not know read as any.
    await page.goto(
      `${app.url}/executions?status=bogus&mode=failed&since=forever&workflow=${'x'.repeat(65)}`,
    );
    await expect.poll(() => rows.count()).toBe(all);
    for (const filter of [status, since, workflow]) expect(await filter.inputValue()).toBe('');
    expect(await page.getByTestId('executions-filter-mode').inputValue()).toBe('');
  });

  it('says so when the address names a workflow nobody can resolve, keeps the list filtered by it, and clears it', async () => {
    const { app, ada } = scene;
    const page = ada.page;
    const all = (await api(page, app.url, 'GET', '/api/executions')).data.length;
    const gone = randomUUID();
    const rows = page.getByTestId('executions-row');
    const workflow = page.getByTestId('executions-filter-workflow');

    await page.goto(`${app.url}/executions?workflow=${gone}`);
    await expect.poll(() => workflow.inputValue()).toBe('Unknown workflow');
    expect(await workflow.getAttribute('title')).toContain(gone);
    expect(await workflow.getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('executions-empty').waitFor();
    expect(await page.getByTestId('executions-empty').textContent()).toContain('No matching executions');
    await shot(page, '65-executions-unknown-workflow');

    await page.getByTestId('executions-filter-workflow-clear').click();
    await expect.poll(() => rows.count()).toBe(all);
    expect(page.url()).toBe(`${app.url}/executions`);
    expect(await workflow.inputValue()).toBe('');
  });

  it("shows each workflow's last run on the dashboard; its badge opens the Executions page filtered to that workflow", async () => {
    const { app, ada } = scene;
    const page = ada.page;
    const fixed = await createFlow(page, app.url, 'Fixed later', '');
    const idle = await createFlow(page, app.url, 'Never run', 'return [];');
    // A failed run, then, once fixed, a successful one: the row shows the newer.
    for (const jsCode of ['throw new Error("x");', 'return $input.all();']) {
      await api(page, app.url, 'PUT', `/api/workflows/${fixed.id}`, flow('Fixed later', jsCode));
      await runDraft(page, app.url, fixed.id);
    }

    await page.goto(`${app.url}/`);
    const row = (id: string) => page.locator(`[data-testid="workflow-row"][data-workflow-id="${id}"]`);
    await row(fixed.id).waitFor();
    expect(await row(fixed.id).getByTestId('workflow-last-status').textContent()).toBe('Last run: succeeded');
    expect(await row(idle.id).getByTestId('workflow-last-run-link').count()).toBe(0);
    await shot(page, '64-dashboard-last-run');

    await row(fixed.id).getByTestId('workflow-last-run-link').click();
    await expect.poll(() => page.url()).toBe(`${app.url}/executions?workflow=${fixed.id}`);
    const rows = page.getByTestId('executions-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.getByTestId('executions-open').allTextContents()).toEqual([
      'Fixed later',
      'Fixed later',
    ]);
    await expect.poll(() => page.getByTestId('executions-filter-workflow').inputValue()).toBe('Fixed later');
  });

  it('shows the custom data each run saved; filters by it from a chip or the field, kept in the address; says why a filter is malformed', async () => {
    const { app, ada } = scene;
    const page = ada.page;
    const wf = await api(page, app.url, 'POST', '/api/workflows', {
      name: 'Orders',
      nodes: [
        {
          id: 'w',
          name: 'Webhook',
          type: 'webhook',
          typeVersion: 2,
          position: [0, 0],
          parameters: { path: 'e2e-orders', httpMethod: 'POST', responseMode: 'lastNode' },
        },
        {
          id: 'd',
          name: 'Save',
          type: 'executionData',
          typeVersion: 1,
          position: [280, 0],
          parameters: {
            dataToSave: {
              values: [
                { key: 'orderId', value: '={{ $json.body.id }}' },
                { key: 'note', value: 'n'.repeat(40) },
              ],
            },
          },
        },
      ],
      connections: { Webhook: { main: [[{ node: 'Save', type: 'main', index: 0 }]] } },
      settings: { executionOrder: 'v1' },
    });
    await api(page, app.url, 'POST', `/api/workflows/${wf.id}/publish`, {});
    for (const id of ['41', '42', '43']) {
      const res = await fetch(`${app.url}/webhook/e2e-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id }),
      });
      expect(res.status).toBe(200);
    }
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/executions') && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
    });
    const rows = page.getByTestId('executions-row');
    const field = page.getByTestId('executions-filter-data');
    const chipsOf = (row: ReturnType<typeof rows.nth>) =>
      row.getByTestId('custom-data-chip').allTextContents();

    // Each run shows its pairs; a long value is cut, whole in the title.
    await page.goto(`${app.url}/executions`);
    const orders = rows.filter({ hasText: 'Orders' });
    await expect.poll(() => orders.count()).toBe(3);
    expect(await chipsOf(orders.nth(1))).toEqual([`note: ${'n'.repeat(23)}…`, 'orderId: 42']);
    expect(await orders.nth(1).getByTestId('custom-data-chip').first().getAttribute('title')).toContain(
      `note: ${'n'.repeat(40)}`,
    );

    // Typed, the filter lists exactly that run and goes into the address; a reload keeps it.
    await field.fill('orderId:42');
    await expect.poll(() => page.url()).toBe(`${app.url}/executions?data=orderId%3A42`);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await chipsOf(rows.first())).toEqual([`note: ${'n'.repeat(23)}…`, 'orderId: 42']);
    await shot(page, '66-executions-custom-data-filter');
    await page.reload();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await chipsOf(rows.first())).toContain('orderId: 42');
    expect(await field.inputValue()).toBe('orderId:42');

    // A name alone finds every run that saved it; a chip of another row switches the filter to its pair.
    await field.fill('orderId');
    await expect.poll(() => rows.count()).toBe(3);
    await rows.nth(0).getByTestId('custom-data-chip').filter({ hasText: 'orderId: 43' }).click();
    await expect.poll(() => page.url()).toBe(`${app.url}/executions?data=orderId%3A43`);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await chipsOf(rows.first())).toContain('orderId: 43');
    expect(await field.inputValue()).toBe('orderId:43');

    // Malformed: it says why, sends nothing the api would refuse, keeps the last good filter.
    await field.fill(':43');
    await page.getByTestId('executions-filter-data-error').waitFor();
    expect(await page.getByTestId('executions-filter-data-error').textContent()).toBe(
      'Start with a name: name:value, or a name alone',
    );
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await page.waitForTimeout(600); // longer than the field's pause: it would have applied by now
    expect(page.url()).toBe(`${app.url}/executions?data=orderId%3A43`);
    expect(refused).toEqual([]);

    // Nothing matches: the empty state says which data.
    await field.fill('orderId:99');
    await page.getByTestId('executions-empty').waitFor();
    expect(await page.getByTestId('executions-empty').textContent()).toContain('No run saved orderId = 99');

    // Cleared: every run again.
    await page.getByTestId('executions-filter-data-clear').click();
    await expect.poll(() => page.url()).toBe(`${app.url}/executions`);
    await expect.poll(() => orders.count()).toBe(3);
    expect(await field.inputValue()).toBe('');

    // The editor's past-run banner shows the pairs of the run it shows.
    await orders.nth(1).getByTestId('executions-open').click();
    await page.getByTestId('past-run-banner').waitFor();
    expect(
      await page.getByTestId('past-run-banner').getByTestId('custom-data-chip').allTextContents(),
    ).toContain('orderId: 42');
  });
});
