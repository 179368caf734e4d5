import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, closeAll, node, nodes, openEditor, type User, userSession } from './fixtures.ts';
import { type App, launchBrowser, shot, startApp, startProductionApp } from './harness.ts';

// Embedded: the co-author runs inside the one process. Production: it is a BullMQ job on the separate worker process,
// which joins the document through the api's collab endpoint like any other peer.
describe.each([
  ['embedded', () => startApp()],
  ['production', startProductionApp],
] as const)(
  'the AI co-author suggests, everyone sees it, an editor accepts (%s, real browsers, no LLM needed)',
  (mode, start) => {
    let app: App;
    let browser: Browser;
    let ada: User;
    let bob: User;
    let cat: User;
    let failed = false;

    beforeAll(async () => {
      app = await start();
      browser = await launchBrowser();
      ada = await userSession(browser, app.url, 'Ada');
      bob = await userSession(browser, app.url, 'Bob');
      cat = await userSession(browser, app.url, 'Cat');
    });
    afterAll(async () => {
      await closeAll([ada, bob, cat].filter(Boolean), failed, `ai-${mode}`);
      await browser?.close();
      await app?.stop();
    });

    it('Ada asks; ghost nodes appear for Bob and Cat; Bob accepts and can undo; Cat cannot accept', async () => {
      try {
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
        await api(ada.page, app.url, 'PUT', `/api/workflows/${wf.id}/members`, {
          members: [
            { userId: bob.id, role: 'editor' },
            { userId: cat.id, role: 'viewer' },
          ],
        });
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
      } catch (err) {
        failed = true;
        for (const u of [ada, bob, cat]) await shot(u.page, `FAILED-ai-${mode}-${u.name}`).catch(() => {});
        throw err;
      }
    });
  },
);
