import { describe, expect, it } from 'vitest';
import { api, node, openEditor } from './fixtures.ts';
import { shot } from './harness.ts';
import { useScene } from './scene.ts';

/** What in the editor's header (or another bar) is wrapped onto a second line or pushed past its edge. */
async function crowding(page: import('playwright-core').Page, testId = 'editor-header') {
  return page.getByTestId(testId).evaluate((bar) => {
    const box = bar.getBoundingClientRect();
    const controls = [...bar.querySelectorAll('button, label, a, input, span')];
    return {
      overflowing: bar.scrollWidth > bar.clientWidth,
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

/** The WCAG contrast ratio between an element's text colour and the background of its closest `background` ancestor. */
function contrast(el: import('playwright-core').Locator, background: string) {
  return el.evaluate((e, selector) => {
    const canvas = document.createElement('canvas').getContext('2d')!;
    const luminance = (color: string) => {
      canvas.fillStyle = color;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b] = [...canvas.getImageData(0, 0, 1, 1).data].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const fg = luminance(getComputedStyle(e).color);
    const bg = luminance(getComputedStyle(e.closest(selector)!).backgroundColor);
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  }, background);
}

const NARROW: Array<[number, number]> = [
  [768, 1024],
  [900, 700],
];

describe('the editor header (embedded mode, real browser)', () => {
  const scene = useScene('header', ['Ada', 'Bob', 'Cy', 'Dee', 'Eve']);

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
      // The pick gives the focus back to "More", as the wide header's "Executions" does, not to the page.
      expect(await focused()).toBe('header-more');
      await banner.getByTestId('close-past-execution').click();

      // By keyboard at 768 px: More → Executions, Tab into the list, Enter on a run, and the focus is on "More"
      // again; Escape in the list gives it back there too.
      await resize(page, 768, 1024);
      const openExecutions = async () => {
        await more.focus();
        await page.keyboard.press('Enter');
        await page.getByTestId('header-more-executions').focus();
        await page.keyboard.press('Enter');
        await page.getByTestId('execution-row').first().waitFor();
        expect(await focused()).toBe('header-more');
        await page.keyboard.press('Tab');
        expect(await focused()).toBe('execution-row');
      };
      await openExecutions();
      await page.keyboard.press('Enter');
      await expect.poll(() => banner.getByTestId('run-status').textContent()).toMatch(/^Past run: /);
      expect(await focused()).toBe('header-more');
      await banner.getByTestId('close-past-execution').click();
      await openExecutions();
      await page.keyboard.press('Escape');
      await page.getByTestId('executions-list').waitFor({ state: 'detached' });
      expect(await focused()).toBe('header-more');
      await resize(page, 900, 700);

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
      // Its ✦ stays visible on the pressed (indigo) button.
      const icon = page.getByTestId('ai-ask-open').locator('span[aria-hidden="true"]');
      await expect.poll(() => contrast(icon, 'button'), { timeout: 2_000 }).toBeGreaterThanOrEqual(3);
      await shot(page, '56-editor-ask-ai-768');
      await page.keyboard.press('Escape');
    } finally {
      await resize(page, 1280, 800);
    }
  });

  it('at 768 and 900 px: five people (three others and "+N" naming the rest), a long run error, the past-run bar', async () => {
    const { app, ada, bob, cy, dee, eve } = scene;
    const page = ada.page;
    const wf = await api(page, app.url, 'POST', '/api/workflows', {
      name: 'Quarterly invoice reconciliation for the finance team',
      nodes: [
        { id: 't', name: 'Trigger', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      ],
      connections: {},
      settings: { executionOrder: 'v1' },
    });
    const others = [bob, cy, dee, eve];
    await scene.share(
      wf.id,
      others.map((u) => [u, 'editor']),
    );
    for (const u of others) await openEditor(u, app.url, wf.id);
    await openEditor(ada, app.url, wf.id);
    await page.getByTestId('run-workflow').click();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toMatch(/Succeeded/);
    // The next start fails with a long message.
    const error =
      'The workflow could not be started: the credentials of "Finance mailbox" expired and need to be renewed by their owner';
    await page.route('**/execute', (route) =>
      route.fulfill({ status: 422, json: { error: { code: 'validation_failed', message: error } } }),
    );
    await page.getByTestId('run-workflow').click();
    const runError = page.getByTestId('editor-header').getByTestId('run-error');
    await runError.waitFor();
    await page.unroute('**/execute');
    const avatars = page.getByTestId('presence-avatars');
    try {
      for (const [width, height] of NARROW) {
        await resize(page, width, height);
        const at = `at ${width}×${height}`;
        expect(await crowding(page), at).toEqual({ overflowing: false, wrapped: [], outside: [] });
        // The error is cut short on screen, whole on hover and for screen readers …
        expect(await runError.evaluate((e) => e.scrollWidth > e.clientWidth), at).toBe(true);
        expect(await runError.getAttribute('title')).toBe(error);
        expect(await page.getByRole('alert').filter({ hasText: error }).count(), at).toBe(1);
        // … and whole, on screen, in the popover it opens (by touch or keyboard too).
        await runError.click();
        const popover = page.getByTestId('run-error-popover');
        expect(await popover.getByTestId('run-error-request').textContent(), at).toBe(error);
        expect(await inViewport(page, 'run-error-popover'), at).toBe(true);
        await page.keyboard.press('Escape');
        await popover.waitFor({ state: 'detached' });
        // Three others, and everyone else named on the "+1".
        expect(await avatars.getByTestId('presence-avatar').count(), at).toBe(3);
        const more = avatars.getByTestId('presence-more');
        expect(await more.textContent()).toBe('+1');
        const shown = await avatars
          .getByTestId('presence-avatar')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-user-name')));
        const hidden = others.map((u) => u.name).filter((n) => !shown.includes(n));
        expect(await more.getAttribute('title')).toBe(hidden.join(', '));
        expect(await page.getByRole('button', { name: `1 more: ${hidden.join(', ')}` }).count()).toBe(1);
        // By keyboard (and touch) too: Enter or Space on "+1" lists them; Escape closes the list and returns the focus.
        const list = avatars.getByTestId('presence-more-list');
        await more.focus();
        await page.keyboard.press(width < 900 ? 'Enter' : ' ');
        await list.waitFor();
        expect(await more.getAttribute('aria-expanded'), at).toBe('true');
        expect(await inViewport(page, 'presence-more-list'), at).toBe(true);
        const listed = list.getByTestId('presence-more-person');
        expect(await listed.evaluateAll((els) => els.map((e) => e.getAttribute('data-user-name')))).toEqual(
          hidden,
        );
        for (const name of hidden)
          expect(await list.getByText(name, { exact: true }).isVisible(), at).toBe(true);
        if (width < 900) await shot(page, '57-editor-header-hidden-people-768');
        await page.keyboard.press('Escape');
        await list.waitFor({ state: 'detached' });
        expect(await more.evaluate((e) => e === document.activeElement), at).toBe(true);
        // A press elsewhere closes it as well.
        await more.click();
        await list.waitFor();
        await page.getByTestId('presence-self').click();
        await list.waitFor({ state: 'detached' });
      }
      await shot(page, '57-editor-header-five-people-error-900');
      await resize(page, 1280, 800);
      expect(await avatars.getByTestId('presence-avatar').count()).toBe(4);
      expect(await avatars.getByTestId('presence-more').count()).toBe(0);

      // The past-run bar holds on one line too.
      await resize(page, 768, 1024);
      await page.getByTestId('header-more').click();
      await page.getByTestId('header-more-executions').click();
      await page.getByTestId('execution-row').first().click();
      const banner = page.getByTestId('past-run-banner');
      await expect.poll(() => banner.getByTestId('run-status').textContent()).toMatch(/^Past run: /);
      for (const [width, height] of NARROW) {
        await resize(page, width, height);
        expect(await crowding(page, 'past-run-banner'), `at ${width}×${height}`).toEqual({
          overflowing: false,
          wrapped: [],
          outside: [],
        });
        expect(await banner.evaluate((b) => b.getBoundingClientRect().height)).toBeLessThanOrEqual(40);
      }
      await resize(page, 768, 1024);
      await shot(page, '58-editor-past-run-bar-768');
      await banner.getByTestId('close-past-execution').click();
    } finally {
      await resize(page, 1280, 800);
    }
  });
});
