import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, node, nodes, openEditor, type User } from './fixtures.ts';
import { shot, startApp, startProductionApp } from './harness.ts';
import { useScene } from './scene.ts';

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

/** What can float over the canvas: the suggestions, activity and replay panels, the minimap, the zoom controls. */
const OVER_CANVAS = [
  '[data-testid="ai-suggestions"]',
  '[data-testid="activity-panel"]',
  '[data-testid="replay-panel"]',
  '.react-flow__minimap',
  '.react-flow__controls',
].join(', ');

/**
 * Names of the ghost nodes (of one suggestion, or all) that a panel over the canvas covers or that lie outside the
 * canvas; none when they can all be seen.
 */
async function hiddenGhosts(page: Page, suggestionId?: string): Promise<string[]> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const covers: Box[] = [];
  for (const el of await page.locator(OVER_CANVAS).all()) {
    const box = await el.boundingBox();
    if (box) covers.push(box);
  }
  const of = suggestionId ? `[data-suggestion-id="${suggestionId}"]` : '';
  const hidden: string[] = [];
  for (const ghost of await page.locator(`[data-testid="ghost-node"]${of}`).all()) {
    const box = (await ghost.boundingBox())!;
    if (covers.some((c) => overlap(box, c)) || !inside(box, canvas))
      hidden.push(`${await ghost.getAttribute('data-node-name')}`);
  }
  return hidden;
}

/** Waits until every pending suggestion of the page has its row and its ghost, then until no ghost is hidden. */
async function expectGhostsInSight(u: User): Promise<void> {
  const count = () => u.page.getByTestId('ai-suggestions-count').getAttribute('data-count');
  await expect.poll(() => u.page.getByTestId('ghost-node').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect
    .poll(async () => (await u.page.getByTestId('ghost-node').count()) === Number(await count()), {
      timeout: 10_000,
    })
    .toBe(true);
  await expect.poll(() => u.page.getByTestId('ai-suggestion').count()).toBe(Number(await count()));
  await expect.poll(() => hiddenGhosts(u.page), { timeout: 5_000 }).toEqual([]);
}

// Embedded: the co-author runs inside the one process. Production: it is a BullMQ job on the separate worker process,
// which joins the document through the api's collab endpoint like any other peer.
describe.each([
  ['embedded', () => startApp()],
  ['production', startProductionApp],
] as const)(
  'the AI co-author suggests, everyone sees it, an editor accepts (%s, real browsers, no LLM needed)',
  (mode, start) => {
    const scene = useScene(`ai-${mode}`, ['Ada', 'Bob', 'Cat'], start);

    it('Ada asks; ghost nodes appear for Bob and Cat; Bob accepts and can undo; Cat cannot accept', async () => {
      const { app, ada, bob, cat } = scene;
      const wf = await api(ada.page, app.url, 'POST', '/api/workflows', {
        name: 'Orders',
        nodes: [
          {
            id: 'hook',
            name: 'New order',
            type: 'webhook',
            typeVersion: 2,
            position: [0, 0],
            parameters: { path: 'orders', httpMethod: 'POST' },
          },
        ],
      });
      await scene.share(wf.id, [
        [bob, 'editor'],
        [cat, 'viewer'],
      ]);
      for (const u of [ada, bob, cat]) await openEditor(u, app.url, wf.id);
      await node(ada.page, 'New order').click();
      await ada.page.getByTestId('ai-ask-open').click();
      await ada.page.getByTestId('ai-ask-submit').click();
      // The co-author's suggestions land in the shared document: everyone sees them.
      for (const u of [ada, bob, cat])
        await u.page.getByTestId('ai-suggestion').first().waitFor({ timeout: 10_000 });
      await bob.page.getByTestId('ghost-node').first().waitFor({ timeout: 5_000 });
      await shot(bob.page, `30-${mode}-bob-sees-ai-suggestions`);
      expect(await cat.page.getByTestId('ai-suggestion-accept').count()).toBe(0);
      await shot(cat.page, `30-${mode}-viewer-sees-suggestions-without-accept`);

      const before = await nodes(bob.page).count();
      await bob.page.getByTestId('ai-suggestion-accept').first().click();
      for (const u of [ada, bob])
        await expect.poll(() => nodes(u.page).count(), { timeout: 5_000 }).toBeGreaterThan(before);
      const accepted = await api(ada.page, app.url, 'GET', `/api/workflows/${wf.id}`);
      expect(accepted.nodes.length).toBeGreaterThan(1);
      await shot(ada.page, `31-${mode}-ada-sees-accepted-nodes`);

      await bob.page.getByTestId('undo').click();
      for (const u of [ada, bob])
        await expect.poll(() => nodes(u.page).count(), { timeout: 5_000 }).toBe(before);
    });

    it('the suggestions panel never covers the ghosts it lists: as they arrive and when a row is clicked (1280×800 and 1024×768)', async () => {
      const { app, ada, bob } = scene;
      await bob.page.setViewportSize({ width: 1024, height: 768 });
      try {
        const wf = await api(ada.page, app.url, 'POST', '/api/workflows', {
          name: 'Leads',
          nodes: [
            {
              id: 'lead',
              name: 'New lead',
              type: 'webhook',
              typeVersion: 2,
              position: [0, 0],
              parameters: { path: 'leads', httpMethod: 'POST' },
            },
          ],
        });
        await scene.share(wf.id, [[bob, 'editor']]);
        for (const u of [ada, bob]) await openEditor(u, app.url, wf.id);
        await node(ada.page, 'New lead').click();
        await ada.page.getByTestId('ai-ask-open').click();
        await ada.page.getByTestId('ai-ask-submit').click();
        // Once the suggestions are placed, the Ask AI box closes by itself: it would hide ghosts.
        await ada.page.getByTestId('ai-ask-dialog').waitFor({ state: 'detached', timeout: 10_000 });
        for (const u of [ada, bob]) await expectGhostsInSight(u);
        await shot(ada.page, `32-${mode}-ghosts-beside-the-panel-1280x800`);
        await shot(bob.page, `32-${mode}-ghosts-beside-the-panel-1024x768`);
        for (const u of [ada, bob]) {
          // The user scrolls the ghosts under the panel (the canvas stays where they put it); a click on a row
          // brings that suggestion's ghosts out again.
          const canvas = (await u.page.getByTestId('canvas').boundingBox())!;
          await u.page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height - 60);
          await u.page.mouse.wheel(-600, 0);
          await expect.poll(() => hiddenGhosts(u.page)).not.toEqual([]);
          const rows = u.page.getByTestId('ai-suggestion');
          for (let i = 0; i < (await rows.count()); i++) {
            const id = (await rows.nth(i).getAttribute('data-suggestion-id'))!;
            await rows.nth(i).getByTestId('ai-suggestion-rationale').click();
            await expect.poll(() => rows.nth(i).getAttribute('data-focused')).toBe('true');
            await expect.poll(() => hiddenGhosts(u.page, id), { timeout: 5_000 }).toEqual([]);
          }
        }
        await shot(bob.page, `33-${mode}-clicked-suggestion-beside-the-panel-1024x768`);
      } finally {
        await bob.page.setViewportSize({ width: 1280, height: 800 });
      }
    });

    it('with the Activity panel open, arriving ghosts land clear of it too (1280×800 and 1024×768)', async () => {
      const { app, ada, bob } = scene;
      await bob.page.setViewportSize({ width: 1024, height: 768 });
      try {
        const wf = await api(ada.page, app.url, 'POST', '/api/workflows', {
          name: 'Tickets',
          // The first view fits the three (zoom 0.3 at 1280×800): "New ticket" sits low, right of the centre, and
          // its ghosts land to its right under the Activity panel's left edge, below the Suggestions panel and left
          // of the minimap.
          nodes: [
            ['mail', 'Mail in', [0, 0]],
            ['form', 'Form in', [2510, 0]],
            ['ticket', 'New ticket', [1665, 1344]],
          ].map(([id, name, position]) => ({
            id,
            name,
            type: 'webhook',
            typeVersion: 2,
            position,
            parameters: { path: id, httpMethod: 'POST' },
          })),
        });
        await scene.share(wf.id, [[bob, 'editor']]);
        for (const u of [ada, bob]) {
          await openEditor(u, app.url, wf.id);
          await u.page.getByTestId('activity-toggle').click();
          await u.page.getByTestId('activity-panel').waitFor();
        }
        await node(ada.page, 'New ticket').click();
        await ada.page.getByTestId('ai-ask-open').click();
        await ada.page.getByTestId('ai-ask-submit').click();
        await ada.page.getByTestId('ai-ask-dialog').waitFor({ state: 'detached', timeout: 10_000 });
        for (const u of [ada, bob]) {
          await expectGhostsInSight(u);
          // Both panels in sight: the Suggestions panel sits left of Activity, and its rows take clicks.
          const activity = (await u.page.getByTestId('activity-panel').boundingBox())!;
          const suggestions = (await u.page.getByTestId('ai-suggestions').boundingBox())!;
          expect(suggestions.x + suggestions.width).toBeLessThanOrEqual(activity.x);
          const row = (await u.page.getByTestId('ai-suggestion').first().boundingBox())!;
          const hit = await u.page.evaluate(
            ([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('[data-testid="ai-suggestion"]'),
            [row.x + row.width / 2, row.y + row.height / 2],
          );
          expect(hit).toBe(true);
        }
        await shot(ada.page, `34-${mode}-ghosts-beside-the-activity-panel-1280x800`);
        await shot(bob.page, `34-${mode}-ghosts-beside-the-activity-panel-1024x768`);
      } finally {
        await bob.page.setViewportSize({ width: 1280, height: 800 });
      }
    });
  },
);
