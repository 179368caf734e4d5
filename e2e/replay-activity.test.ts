import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, node, openEditor, type User } from './fixtures.ts';
import { shot } from './harness.ts';
import { useScene } from './scene.ts';

/** Manual trigger → Shape (one item `{n}`) → Fan out (`count` items `{i}`). */
const flow = (name: string, n: number, count: number) => ({
  name,
  nodes: [
    { id: 't', name: 'Trigger', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    {
      id: 's',
      name: 'Shape',
      type: 'set',
      typeVersion: 3.4,
      position: [280, 0],
      parameters: { mode: 'raw', jsonOutput: `={{ { "n": ${n} } }}` },
    },
    {
      id: 'c',
      name: 'Fan out',
      type: 'code',
      typeVersion: 2,
      position: [560, 0],
      parameters: {
        mode: 'runOnceForAllItems',
        jsCode: `return Array.from({ length: ${count} }, (_, k) => ({ json: { i: k + 1 } }));`,
      },
    },
  ],
  connections: {
    Trigger: { main: [[{ node: 'Shape', type: 'main', index: 0 }]] },
    Shape: { main: [[{ node: 'Fan out', type: 'main', index: 0 }]] },
  },
  settings: { executionOrder: 'v1' },
});

/**
 * Whether a node is whole inside the canvas and clear of a panel over it (their boxes share no area): where a jump
 * from that panel has to leave it.
 */
async function clearOfPanel(page: Page, name: string, panel: Locator): Promise<boolean> {
  const c = (await page.getByTestId('canvas').boundingBox())!;
  const n = (await node(page, name).boundingBox())!;
  const p = (await panel.boundingBox())!;
  const inside =
    n.x >= c.x && n.y >= c.y && n.x + n.width <= c.x + c.width && n.y + n.height <= c.y + c.height;
  const overlaps = n.x < p.x + p.width && p.x < n.x + n.width && n.y < p.y + p.height && p.y < n.y + n.height;
  return inside && !overlaps;
}

const selectedName = (u: User) =>
  u.page.evaluate(
    () =>
      document
        .querySelector('.react-flow__node.selected [data-testid="canvas-node"]')
        ?.getAttribute('data-node-name') ?? null,
  );

describe('replay against the draft and the activity feed (embedded mode, real browsers)', () => {
  const scene = useScene('replay-activity', ['Ada', 'Bob']);

  it('Ada replays a past run against her changed draft and sees the per-node, per-item diff', async () => {
    const { app, ada } = scene;
    const wf = await api(ada.page, app.url, 'POST', '/api/workflows', flow('Replay me', 1, 3));
    await openEditor(ada, app.url, wf.id);
    const page = ada.page;
    await page.getByTestId('run-workflow').click();
    await expect
      .poll(() => node(page, 'Fan out').getAttribute('data-run-status'), { timeout: 15_000 })
      .toBe('success');

    // The draft changes (a REST write lands in the live document): Shape answers n = 2, Fan out 2 items.
    await api(page, app.url, 'PUT', `/api/workflows/${wf.id}`, flow('Replay me', 2, 2));

    // Open the past run read-only, then replay it against the draft.
    await page.getByTestId('executions-toggle').click();
    await page.getByTestId('execution-row').first().click();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toContain('Past run');
    await page.getByTestId('replay-start').click();
    const panel = page.getByTestId('replay-panel');
    await expect.poll(() => panel.getAttribute('data-phase'), { timeout: 20_000 }).toBe('done');
    // The replay ran live on the canvas, as the current execution.
    expect(await node(page, 'Fan out').getAttribute('data-run-items')).toBe('2');

    const kinds = async () =>
      page
        .getByTestId('replay-node')
        .evaluateAll((els) =>
          els.map((e) => [e.getAttribute('data-node-name'), e.getAttribute('data-kind')]),
        );
    expect(await kinds()).toEqual([
      ['Fan out', 'changed'],
      ['Shape', 'changed'],
    ]);
    expect(await page.getByTestId('replay-summary').textContent()).toContain(
      '2 changed · 0 added · 0 removed · 1 same',
    );
    await page.getByTestId('replay-show-same').check();
    expect(await kinds()).toContainEqual(['Trigger', 'same']);

    // Item level: Fan out lost its third item; Shape's item changed in field n.
    const fan = page.locator('[data-testid="replay-node"][data-node-name="Fan out"]');
    expect(await fan.getByTestId('replay-node-counts').textContent()).toBe('3 → 2 item(s)');
    await fan.getByTestId('replay-node-toggle').click();
    const removed = fan.locator('[data-testid="replay-item"][data-change="removed"]');
    expect(JSON.parse((await removed.getByTestId('replay-item-before').textContent()) ?? '')).toEqual({
      i: 3,
    });
    const shape = page.locator('[data-testid="replay-node"][data-node-name="Shape"]');
    await shape.getByTestId('replay-node-toggle').click();
    const changed = shape.locator('[data-testid="replay-item"][data-change="changed"]');
    expect(await changed.getByTestId('replay-item-keys').textContent()).toContain('n');
    expect(JSON.parse((await changed.getByTestId('replay-item-after').textContent()) ?? '')).toEqual({
      n: 2,
    });

    // The canvas marks the nodes whose output changed; "Show" selects the node and brings it into view, clear of
    // the panel (on a lower window the panel, opened up, reaches above the canvas's middle).
    expect(await node(page, 'Shape').getAttribute('data-replay-diff')).toBe('changed');
    expect(await node(page, 'Trigger').getAttribute('data-replay-diff')).toBe('same');
    await shot(page, '40-replay-diff');
    await page.setViewportSize({ width: 1280, height: 600 });
    await shape.getByTestId('replay-jump').click();
    await expect.poll(() => selectedName(ada)).toBe('Shape');
    await expect.poll(() => clearOfPanel(page, 'Shape', panel)).toBe(true);
    await shot(page, '41-replay-jump');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Replay from the executions list too (the past run again); closing the panel clears the marks.
    await page.getByTestId('replay-close').click();
    expect(await node(page, 'Shape').getAttribute('data-replay-diff')).toBe('');
    await page.getByTestId('executions-toggle').click();
    await page.locator('[data-testid="execution-row"][data-execution-id]').last().waitFor();
    const rows = page.getByTestId('execution-replay');
    await rows.last().click();
    await expect.poll(() => panel.getAttribute('data-phase'), { timeout: 20_000 }).toBe('done');
    expect(await page.getByTestId('replay-summary').textContent()).toContain('2 changed');
  });

  it('Bob follows the activity feed live: who changed which node, when; a link jumps to the node', async () => {
    const { app, ada, bob } = scene;
    const wf = await api(ada.page, app.url, 'POST', '/api/workflows', flow('Feed me', 1, 1));
    await scene.share(wf.id, [[bob, 'editor']]);
    await openEditor(ada, app.url, wf.id);
    await openEditor(bob, app.url, wf.id);
    await bob.page.getByTestId('activity-toggle').click();
    await bob.page.getByTestId('activity-panel').waitFor();

    // Ada adds a node from the library; it appears in Bob's feed as Ada's, linked to that node.
    await ada.page.locator('[data-testid="node-library-item"][data-node-type="noOp"]').click();
    const added = await ada.page.getByTestId('property-panel').getAttribute('data-node-id');
    expect(added).toBeTruthy();
    const link = bob.page.locator(
      `[data-testid="activity-entry"][data-user-name="Ada"] [data-testid="activity-node-link"][data-node-id="${added}"]`,
    );
    await link.waitFor({ timeout: 10_000 });
    expect(await link.locator('xpath=..').getByTestId('activity-node-what').textContent()).toContain('added');
    expect(
      await bob.page
        .locator('[data-testid="activity-entry"][data-user-name="Ada"]')
        .first()
        .getByTestId('activity-when')
        .textContent(),
    ).toBe('just now');
    await shot(bob.page, '42-activity-feed-bob');

    // On a narrower window the canvas's middle is under the Activity panel; the jump keeps the node clear of it.
    await bob.page.setViewportSize({ width: 900, height: 800 });
    const name = (await link.textContent())!;
    await link.click();
    await expect.poll(() => selectedName(bob)).toBe(name);
    await expect.poll(() => clearOfPanel(bob.page, name, bob.page.getByTestId('activity-panel'))).toBe(true);
    await shot(bob.page, '43-activity-jump-bob');
    await bob.page.setViewportSize({ width: 1280, height: 800 });
  });
});
