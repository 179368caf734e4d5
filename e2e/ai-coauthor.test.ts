import { describe, expect, it } from 'vitest';
import { api, node, nodes, openEditor } from './fixtures.ts';
import { shot, startApp, startProductionApp } from './harness.ts';
import { useScene } from './scene.ts';

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
  },
);
