import { describe, expect, it } from 'vitest';
import { api, node, openEditor } from './fixtures.ts';
import { shot } from './harness.ts';
import { useScene } from './scene.ts';

/** What in the editor's header is wrapped onto a second line or pushed past its edge. */
async function crowding(page: import('playwright-core').Page) {
  return page.getByTestId('editor-header').evaluate((header) => {
    const box = header.getBoundingClientRect();
    const controls = [...header.querySelectorAll('button, label, a, input, [data-testid="run-status"]')];
    return {
      overflowing: header.scrollWidth > header.clientWidth,
      // A label laid out on more than one line: one of its texts has boxes at more than one height.
      wrapped: controls
        .filter((el) => {
          const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let t = texts.nextNode(); t; t = texts.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(t);
            if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) return true;
          }
          return false;
        })
        .map((el) => (el.textContent ?? '').trim()),
      outside: controls
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5);
        })
        .map((el) => (el.textContent ?? '').trim() || el.getAttribute('data-testid')),
    };
  });
}

describe('the editor header (embedded mode, real browser)', () => {
  const scene = useScene('header', ['Ada', 'Bob']);

  it('holds every control on one line from 1024 px wide: a run status, two people, a long name, a past run, a node panel', async () => {
    const { app, ada, bob } = scene;
    const wf = await api(ada.page, app.url, 'POST', '/api/workflows', {
      name: 'Quarterly invoice reconciliation for the finance team',
      nodes: [
        { id: 't', name: 'Trigger', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      ],
      connections: {},
      settings: { executionOrder: 'v1' },
    });
    await scene.share(wf.id, [[bob, 'editor']]);
    await openEditor(bob, app.url, wf.id);
    await openEditor(ada, app.url, wf.id);
    await ada.page.getByTestId('run-workflow').click();
    await expect.poll(() => ada.page.getByTestId('run-status').textContent()).toMatch(/Succeeded/);
    const fits = async (view: string) => {
      for (const [width, height] of [
        [1024, 768],
        [1152, 720],
        [1280, 800],
        [1366, 768],
        [1440, 900],
      ]) {
        await ada.page.setViewportSize({ width, height });
        expect(await crowding(ada.page), `${view} at ${width}×${height}`).toEqual({
          overflowing: false,
          wrapped: [],
          outside: [],
        });
      }
    };
    await fits('last run');
    await shot(ada.page, '50-editor-header-1440');
    // A past run shown read-only adds its Replay and Close buttons.
    await ada.page.getByTestId('executions-toggle').click();
    await ada.page.getByTestId('execution-row').first().click();
    await expect.poll(() => ada.page.getByTestId('run-status').textContent()).toContain('Past run');
    // … which go in a bar of their own under the header.
    const banner = ada.page.getByTestId('past-run-banner');
    await expect
      .poll(() => banner.getByTestId('run-status').textContent())
      .toMatch(/^Past run: Succeeded · /);
    expect(await banner.getByTestId('replay-start').isVisible()).toBe(true);
    await fits('past run');
    await ada.page.setViewportSize({ width: 1024, height: 768 });
    await shot(ada.page, '51-editor-header-past-run-1024');
    await banner.getByTestId('close-past-execution').click();
    await banner.waitFor({ state: 'detached' });
    // A node's partial runs are in its panel, not the header.
    await node(ada.page, 'Trigger').dblclick();
    const panel = ada.page.getByTestId('property-panel');
    await panel.getByTestId('run-to-node').waitFor();
    await panel.getByTestId('run-from-node').waitFor();
    expect(await ada.page.getByTestId('editor-header').getByTestId('run-to-node').count()).toBe(0);
    await fits('node panel open');
    await ada.page.setViewportSize({ width: 1024, height: 768 });
    await shot(ada.page, '52-editor-node-panel-1024');
    await ada.page.setViewportSize({ width: 1280, height: 800 });
  });
});
