import { beforeAll, describe, expect, it } from 'vitest';
import { api, connect, dropNode, editorText, node, nodes, openEditor, userSession } from './fixtures.ts';
import { shot } from './harness.ts';
import { useScene } from './scene.ts';

describe('two people editing one workflow in real browsers (embedded mode)', () => {
  const scene = useScene('collaboration', ['Ada', 'Bob']);
  let workflowId: string;

  beforeAll(async () => {
    const { app, ada, bob } = scene;
    workflowId = (await api(ada.page, app.url, 'POST', '/api/workflows', { name: 'Together' })).id;
    await scene.share(workflowId, [[bob, 'editor']]);
  });

  it('both open the editor and see each other present', async () => {
    const { app, ada, bob } = scene;
    await openEditor(ada, app.url, workflowId);
    await openEditor(bob, app.url, workflowId);
    await ada.page
      .locator('[data-testid="presence-avatar"][data-user-name="Bob"]')
      .waitFor({ timeout: 5000 });
    await bob.page
      .locator('[data-testid="presence-avatar"][data-user-name="Ada"]')
      .waitFor({ timeout: 5000 });
    await shot(ada.page, '01-both-present-ada');
  });

  it('Ada adds and connects nodes; Bob sees them within a second', async () => {
    const { app, ada, bob } = scene;
    const canvas = ada.page.getByTestId('canvas');
    const box = (await canvas.boundingBox())!;
    await dropNode(ada.page, 'manualTrigger', { x: 120, y: box.height / 2 - 60 });
    await dropNode(ada.page, 'set', { x: 420, y: box.height / 2 + 40 });
    await expect.poll(() => nodes(ada.page).count()).toBe(2);
    const names = await nodes(ada.page).evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-node-name')!),
    );
    const [first, second] = names as [string, string];
    const started = Date.now();
    await connect(ada.page, first, second);
    await ada.page.locator('.react-flow__edge').first().waitFor({ timeout: 3000 });
    await bob.page
      .locator('.react-flow__edge')
      .first()
      .waitFor({ timeout: 1000 + 500 });
    expect(Date.now() - started).toBeLessThan(1500 + 1000);
    await expect.poll(() => nodes(bob.page).count(), { timeout: 1000 }).toBe(2);
    await shot(ada.page, '02-ada-added-and-connected');
    await shot(bob.page, '02-bob-sees-them');
    const stored = await api(ada.page, app.url, 'GET', `/api/workflows/${workflowId}`);
    expect(stored.nodes).toHaveLength(2);
    expect(Object.keys(stored.connections)).toEqual([first]);
  });

  it("Bob's cursor and selection are visible to Ada", async () => {
    const { ada, bob } = scene;
    const canvas = (await bob.page.getByTestId('canvas').boundingBox())!;
    await bob.page.mouse.move(canvas.x + 200, canvas.y + 150, { steps: 5 });
    await bob.page.mouse.move(canvas.x + 260, canvas.y + 180, { steps: 5 });
    await ada.page.locator('[data-testid="remote-cursor"][data-user-name="Bob"]').waitFor({ timeout: 3000 });
    const target = (await nodes(bob.page).first().getAttribute('data-node-name'))!;
    await node(bob.page, target).click();
    await node(ada.page, target).getByTestId('node-peer-selection').waitFor({ timeout: 3000 });
    await shot(ada.page, '03-ada-sees-bob-cursor-and-selection');
  });

  it('both type into one Code node and end with the same text', async () => {
    const { app, ada, bob } = scene;
    // Added over REST: the change reaches both open editors as one transaction.
    const wf = await api(ada.page, app.url, 'GET', `/api/workflows/${workflowId}`);
    const codeNodeId = 'code-1';
    wf.nodes.push({
      id: codeNodeId,
      name: 'Shared code',
      type: 'code',
      typeVersion: 2,
      position: [200, 320],
      parameters: { mode: 'runOnceForAllItems', jsCode: 'return $input.all();' },
    });
    await api(ada.page, app.url, 'PUT', `/api/workflows/${workflowId}`, wf);
    for (const u of [ada, bob]) {
      await u.page.keyboard.press('Escape');
      const codeNode = u.page.locator(`[data-testid="canvas-node"][data-node-id="${codeNodeId}"]`);
      await codeNode.waitFor({ timeout: 3000 });
      await codeNode.dblclick();
    }
    const adaEditor = ada.page.locator('[data-testid="param-jsCode"] .cm-content');
    const bobEditor = bob.page.locator('[data-testid="param-jsCode"] .cm-content');
    await adaEditor.waitFor();
    await bobEditor.waitFor();
    await adaEditor.click();
    await ada.page.keyboard.press('Control+End');
    await bobEditor.click();
    await bob.page.keyboard.press('Control+End');
    await Promise.all([
      ada.page.keyboard.type('\n// from Ada', { delay: 15 }),
      bob.page.keyboard.type('\n// from Bob', { delay: 15 }),
    ]);
    await expect
      .poll(async () => (await editorText(adaEditor)) === (await editorText(bobEditor)), { timeout: 5000 })
      .toBe(true);
    const text = await editorText(adaEditor);
    expect(text).toContain('// from Ada');
    expect(text).toContain('// from Bob');
    // "Last changed by" follows the typing, for everyone.
    await expect
      .poll(
        async () =>
          (await bob.page
            .getByTestId('param-jsCode-changed-by')
            .textContent()
            .catch(() => '')) || '',
        { timeout: 5000 },
      )
      .toMatch(/Ada|Bob/);
    await shot(ada.page, '04-shared-code-ada');
    await shot(bob.page, '04-shared-code-bob');
    await expect
      .poll(async () => {
        const wf = await api(ada.page, app.url, 'GET', `/api/workflows/${workflowId}`);
        const code = wf.nodes.find((n: { id: string }) => n.id === codeNodeId)?.parameters.jsCode ?? '';
        return code.includes('// from Ada') && code.includes('// from Bob');
      })
      .toBe(true);
  });

  it('Ada edits while offline; on reconnect both edits merge cleanly for everyone', async () => {
    const { app, ada, bob } = scene;
    const before = (await api(ada.page, app.url, 'GET', `/api/workflows/${workflowId}`)).nodes.length;
    await ada.context.setOffline(true);
    await expect
      .poll(() => ada.page.getByTestId('save-indicator').getAttribute('data-status'), { timeout: 40_000 })
      .toBe('offline');
    const box = (await ada.page.getByTestId('canvas').boundingBox())!;
    await dropNode(ada.page, 'noOp', { x: box.width - 220, y: 120 });
    await dropNode(bob.page, 'limit', { x: 160, y: box.height - 140 });
    await shot(ada.page, '045-ada-offline-editing');
    expect(await nodes(bob.page).count()).toBe(before + 1);
    await ada.context.setOffline(false);
    await expect
      .poll(() => ada.page.getByTestId('save-indicator').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('saved');
    for (const u of [ada, bob])
      await expect.poll(() => nodes(u.page).count(), { timeout: 10_000 }).toBe(before + 2);
    const stored = await api(ada.page, app.url, 'GET', `/api/workflows/${workflowId}`);
    expect(stored.nodes.map((n: { type: string }) => n.type)).toEqual(
      expect.arrayContaining(['noOp', 'limit']),
    );
    await shot(bob.page, '046-merged-after-reconnect-bob');
  });

  it('a viewer sees everything live but cannot change anything', async () => {
    const { app, ada, bob } = scene;
    const cat = await userSession(scene.browser, app.url, 'Cat');
    try {
      await scene.share(workflowId, [
        [bob, 'editor'],
        [cat, 'viewer'],
      ]);
      await cat.page.goto(`${app.url}/workflows/${workflowId}`);
      await cat.page.locator('[data-testid="editor"][data-readonly="true"]').waitFor();
      await cat.page.getByTestId('viewer-badge').waitFor();
      expect(await cat.page.getByTestId('node-library').count()).toBe(0);
      expect(await cat.page.getByTestId('run-workflow').count()).toBe(0);
      const before = await api(ada.page, app.url, 'GET', `/api/workflows/${workflowId}`);
      const first = nodes(cat.page).first();
      await first.waitFor();
      const box = (await first.boundingBox())!;
      await cat.page.mouse.move(box.x + 30, box.y + 20);
      await cat.page.mouse.down();
      await cat.page.mouse.move(box.x + 330, box.y + 220, { steps: 6 });
      await cat.page.mouse.up();
      await first.click({ force: true });
      await cat.page.keyboard.press('Delete');
      await cat.page.waitForTimeout(500);
      const after = await api(ada.page, app.url, 'GET', `/api/workflows/${workflowId}`);
      expect(after.nodes).toEqual(before.nodes);
      // Live: an edit by Ada reaches the viewer.
      await ada.page.locator('[data-testid="node-library-item"][data-node-type="noOp"]').click();
      await expect.poll(() => nodes(cat.page).count(), { timeout: 3000 }).toBe(before.nodes.length + 1);
      await shot(cat.page, '05-viewer-read-only');
    } finally {
      await cat.context.close();
    }
  });

  it('Bob drags a node; Ada sees it move during the drag and both end where it is stored', async () => {
    const { app, ada, bob } = scene;
    const id = 'code-1';
    const name = (await bob.page.locator(`[data-node-id="${id}"]`).getAttribute('data-node-name'))!;
    for (const u of [ada, bob]) await u.page.keyboard.press('Escape');
    const close = bob.page.getByTestId('panel-close');
    if (await close.isVisible().catch(() => false)) await close.click();
    const transform = (page: typeof bob.page) =>
      node(page, name).evaluate((el) => (el.closest('.react-flow__node') as HTMLElement).style.transform);
    const before = await transform(ada.page);
    const box = (await node(bob.page, name).boundingBox())!;
    const x0 = box.x + box.width / 2;
    const y0 = box.y + box.height / 2;
    await bob.page.mouse.move(x0, y0);
    await bob.page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await bob.page.mouse.move(x0 + i * 8, y0 + i * 4);
      await bob.page.waitForTimeout(20);
    }
    // Still holding the mouse: the throttled writes of the drag already reach Ada.
    await expect.poll(() => transform(ada.page), { timeout: 3000 }).not.toBe(before);
    await bob.page.mouse.move(x0 + 120, y0 + 60);
    await bob.page.mouse.up();
    await expect
      .poll(async () => {
        const wf = await api(ada.page, app.url, 'GET', `/api/workflows/${workflowId}`);
        const [x, y] = wf.nodes.find((n: { id: string }) => n.id === id).position;
        const stored = `translate(${x}px, ${y}px)`;
        return (
          stored !== before &&
          (await transform(ada.page)) === stored &&
          (await transform(bob.page)) === stored
        );
      })
      .toBe(true);
  });
});
