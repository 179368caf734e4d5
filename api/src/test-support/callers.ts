import { TestClient } from './harness.ts';

export type Callers = {
  admin: TestClient;
  owner: TestClient;
  editor: TestClient;
  viewer: TestClient;
  stranger: TestClient;
  /** User ids of those a workflow gets shared with. */
  ids: { editor: string; viewer: string };
};

/**
 * One client per kind of caller of a fresh api, signed in: the instance admin (the first to register), a workflow
 * owner, an editor and a viewer to share with, and a stranger who is shared nothing.
 */
export async function registerCallers(url: string): Promise<Callers> {
  const [admin, owner, editor, viewer, stranger] = Array.from({ length: 5 }, () => new TestClient(url));
  await admin!.register('admin@example.com');
  await owner!.register('owner@example.com');
  const ids = {
    editor: (await editor!.register('editor@example.com')).id,
    viewer: (await viewer!.register('viewer@example.com')).id,
  };
  await stranger!.register('stranger@example.com');
  return { admin: admin!, owner: owner!, editor: editor!, viewer: viewer!, stranger: stranger!, ids };
}
