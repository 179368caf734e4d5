import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { api, type User, userSession } from './fixtures.ts';
import { type App, launchBrowser, saveTrace, shot, startApp } from './harness.ts';

/** What the tests of one describe block share; filled in before its first test. */
export type Scene<P extends string> = {
  app: App;
  browser: Browser;
  /** Gives people roles on a workflow owned by the scene's first person. */
  share(workflowId: string, members: Array<[User, 'editor' | 'viewer']>): Promise<void>;
} & { [K in Lowercase<P>]: User };

/**
 * Sets up the calling describe block: before its tests starts the app (`start`), a browser and one registered,
 * signed-in person per name (`scene.ada` for 'Ada'); after a failed test saves a screenshot of every person's
 * page; after the last test closes everything, keeping each person's trace when a test failed.
 */
export function useScene<const P extends string>(
  name: string,
  people: P[],
  start: () => Promise<App> = () => startApp(),
): Scene<P> {
  const users: User[] = [];
  let failed = false;
  const scene = {
    share: async (workflowId: string, members: Array<[User, 'editor' | 'viewer']>) => {
      await api(users[0]!.page, scene.app.url, 'PUT', `/api/workflows/${workflowId}/members`, {
        members: members.map(([u, role]) => ({ userId: u.id, role })),
      });
    },
  } as Scene<P>;
  const byName = scene as unknown as Record<string, User>;

  beforeAll(async () => {
    scene.app = await start();
    scene.browser = await launchBrowser();
    for (const person of people) {
      const user = await userSession(scene.browser, scene.app.url, person);
      users.push(user);
      byName[person.toLowerCase()] = user;
    }
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    failed = true;
    const label = `FAILED-${name}-${task.name.replace(/\W+/g, '-')}`;
    for (const u of users) await shot(u.page, `${label}-${u.name}`).catch(() => {});
  });
  afterAll(async () => {
    for (const u of users) {
      if (failed) await saveTrace(u.context, `${name}-${u.name}`);
      await u.context.close().catch(() => {});
    }
    await scene.browser?.close();
    await scene.app?.stop();
  });
  return scene;
}
