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

/**
 * Resizes the page and waits two frames: media query listeners (which pick the header's wide or narrow layout) run
 * in the next frame, not at once.
 */
async function resize(page: import('playwright-core').Page, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Whether the element lies within the page's viewport. */
async function inViewport(page: import('playwright-core').Page, testId: string) {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const { width, height } = page.viewportSize()!;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

describe('the editor header (embedded mode, real browser)', () => {
  const scene = useScene('header', ['Ada', 'Bob']);

  it('holds its controls on one line from 768 px wide (below 1024 px some behind "More"): a run status, two people, a long name, a past run, a node panel', async () => {
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
        [768, 1024],
        [900, 700],
        [1024, 768],
        [1152, 720],
        [1280, 800],
        [1366, 768],
        [1440, 900],
      ]) {
        await resize(ada.page, width, height);
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
    await resize(ada.page, 1024, 768);
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
    await resize(ada.page, 1024, 768);
    await shot(ada.page, '52-editor-node-panel-1024');
    await resize(ada.page, 768, 1024);
    await shot(ada.page, '53-editor-node-panel-768');
    await ada.page.getByTestId('panel-close').click();
    await resize(ada.page, 1280, 800);
  });

  it('below 1024 px the moved controls work from "More", by mouse and keyboard; the primary ones stay in the header', async () => {
    const { ada } = scene;
    const page = ada.page;
    await resize(page, 768, 1024);
    try {
      const header = page.getByTestId('editor-header');
      for (const id of [
        'workflow-title',
        'save-indicator',
        'presence-avatars',
        'undo',
        'redo',
        'ai-ask-open',
      ])
        expect(await header.getByTestId(id).isVisible(), id).toBe(true);
      expect(await header.getByTestId('run-workflow').isVisible()).toBe(true);
      for (const id of [
        'ai-suggest-mode',
        'follow-run',
        'activity-toggle',
        'executions-toggle',
        'history-open',
      ])
        expect(await page.getByTestId(id).count(), id).toBe(0);

      // Keyboard: Enter opens the menu on its first item, arrows move, Escape closes it and returns the focus.
      const more = page.getByTestId('header-more');
      expect(await more.getAttribute('aria-haspopup')).toBe('menu');
      await more.focus();
      await page.keyboard.press('Enter');
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      expect(await inViewport(page, 'header-more-menu')).toBe(true);
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      expect(await focused()).toBe('header-more-suggest-mode');
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('header-more-follow-run');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('header-more-activity');
      await shot(page, '54-editor-header-more-menu-768');
      await page.keyboard.press('Escape');
      await page.getByTestId('header-more-menu').waitFor({ state: 'detached' });
      expect(await focused()).toBe('header-more');

      // Suggest mode from the menu is the same mode as the header's toggle on a wider screen.
      await more.click();
      await page.getByTestId('header-more-suggest-mode').click();
      await page.getByTestId('header-more-menu').waitFor({ state: 'detached' });
      await more.click();
      expect(await page.getByTestId('header-more-suggest-mode').getAttribute('aria-checked')).toBe('true');
      await page.keyboard.press('Escape');
      await resize(page, 1280, 800);
      expect(await page.getByTestId('ai-suggest-mode').getAttribute('aria-pressed')).toBe('true');
      await page.getByTestId('ai-suggest-mode').click();
      await resize(page, 900, 700);

      // The executions list opens from the menu, on screen; a row shows that run.
      await more.click();
      await page.getByTestId('header-more-executions').click();
      await page.getByTestId('execution-row').first().waitFor();
      expect(await inViewport(page, 'executions-list')).toBe(true);
      await shot(page, '55-editor-header-executions-900');
      await page.getByTestId('execution-row').first().click();
      const banner = page.getByTestId('past-run-banner');
      await expect.poll(() => banner.getByTestId('run-status').textContent()).toMatch(/^Past run: /);
      await banner.getByTestId('close-past-execution').click();

      // History and the activity feed too.
      await more.click();
      await page.getByTestId('header-more-history').click();
      await page.getByTestId('history-dialog').waitFor();
      // A dialog takes the focus, and gives it back when it closes.
      expect(
        await page.evaluate(() => !!document.activeElement?.closest('[data-testid="history-dialog"]')),
      ).toBe(true);
      await page.keyboard.press('Escape');
      await page.getByTestId('history-dialog').waitFor({ state: 'detached' });
      expect(await focused()).toBe('header-more');
      await more.click();
      await page.getByTestId('header-more-activity').click();
      await page.getByTestId('activity-panel').waitFor();
      await page.getByTestId('activity-close').click();

      // Ask AI stays in the header, and its popover on screen.
      await resize(page, 768, 1024);
      await page.getByTestId('ai-ask-open').click();
      expect(await inViewport(page, 'ai-ask-dialog')).toBe(true);
      expect(await page.getByTestId('ai-ask-dialog').evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(
        true,
      );
      await shot(page, '56-editor-ask-ai-768');
      await page.keyboard.press('Escape');
    } finally {
      await resize(page, 1280, 800);
    }
  });
});
