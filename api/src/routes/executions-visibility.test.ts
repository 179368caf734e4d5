import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../storage/test-databases.ts';
import { type Callers, registerCallers } from '../test-support/callers.ts';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

/** The query string that keeps a list to runs created in [from, to] (each test uses its own times). */
const between = (from: number, to: number) =>
  `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;

describe.each(BACKENDS)('which runs GET /api/executions lists to whom, on %s', (dialect) => {
  let api: TestApi;
  let callers: Callers;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    callers = await registerCallers(api.url);
  });
  afterAll(() => api?.close());

  const workflow = async (name: string, members: { userId: string; role: string }[] = []) => {
    const id = (await callers.owner.post('/api/workflows', { name })).json.id as string;
    expect((await callers.owner.put(`/api/workflows/${id}/members`, { members })).status).toBe(200);
    return id;
  };
  /** A queued run at a chosen time, written straight to storage (no runner: it stays as written). */
  const run = (workflowId: string, id: string, createdAt: number) =>
    api.runtime.storage.executions.create({
      id,
      workflowId,
      versionId: null,
      mode: 'manual',
      createdBy: null,
      input: null,
      createdAt,
    });
  const listed = async (c: TestClient, query: string) => {
    const res = await c.get(`/api/executions?${query}`);
    expect(res.status).toBe(200);
    return res.json as { data: { id: string }[]; nextCursor: string | null };
  };
  const runIds = async (c: TestClient, query: string) => (await listed(c, query)).data.map((r) => r.id);

  it('lists the runs of workflows the caller is a member of, archived ones too; admins see all, strangers none', async () => {
    const { admin, owner, editor, viewer, stranger, ids } = callers;
    const both = [
      { userId: ids.editor, role: 'editor' },
      { userId: ids.viewer, role: 'viewer' },
    ];
    const shared = await workflow('Shared', both);
    const archived = await workflow('Archived', both);
    const own = await workflow('Own');
    await run(shared, 'vis-shared', 1001);
    await run(archived, 'vis-archived', 1002);
    await run(own, 'vis-own', 1003);
    expect((await owner.delete(`/api/workflows/${archived}`)).status).toBe(200);

    const q = between(1000, 1999);
    expect(await runIds(owner, q)).toEqual(['vis-own', 'vis-archived', 'vis-shared']);
    expect(await runIds(editor, q)).toEqual(['vis-archived', 'vis-shared']);
    expect(await runIds(viewer, q)).toEqual(['vis-archived', 'vis-shared']);
    expect(await runIds(admin, q)).toEqual(['vis-own', 'vis-archived', 'vis-shared']);
    expect(await runIds(stranger, q)).toEqual([]);
    // The other filters still apply on top of visibility.
    expect(await runIds(editor, `${q}&workflowId=${own}`)).toEqual([]);
    expect(await runIds(editor, `${q}&workflowId=${shared}`)).toEqual(['vis-shared']);
    expect(await runIds(viewer, `${q}&status=queued&mode=manual`)).toEqual(['vis-archived', 'vis-shared']);

    // Taken off the workflow: its runs go from the list at once.
    const editorOnly = [{ userId: ids.editor, role: 'editor' }];
    expect((await owner.put(`/api/workflows/${shared}/members`, { members: editorOnly })).status).toBe(200);
    expect(await runIds(viewer, q)).toEqual(['vis-archived']);
    expect(await runIds(editor, q)).toEqual(['vis-archived', 'vis-shared']);
  });

  it('pages by cursor through runs of visible and invisible workflows interleaved, ties in time included', async () => {
    const { admin, owner, viewer, ids } = callers;
    const seen = await workflow('Seen', [{ userId: ids.viewer, role: 'viewer' }]);
    const hidden = await workflow('Hidden');
    const all: { id: string; createdAt: number; visible: boolean }[] = [];
    for (let i = 0; i < 14; i++) {
      // Three runs a millisecond, alternating workflows: pages end inside ties and next to hidden runs.
      const entry = { id: `page-${String(i).padStart(2, '0')}`, createdAt: 2000 + Math.floor(i / 3) };
      const visible = i % 2 === 0;
      await run(visible ? seen : hidden, entry.id, entry.createdAt);
      all.push({ ...entry, visible });
    }
    const newestFirst = (rows: typeof all) =>
      [...rows].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((r) => r.id);

    const pages = async (c: TestClient, limit: number) => {
      const out: string[][] = [];
      let cursor: string | null = null;
      do {
        const page = await listed(
          c,
          `${between(2000, 2999)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        out.push(page.data.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };
    const visible = newestFirst(all.filter((r) => r.visible));
    for (const limit of [1, 2, 3, 7]) {
      const got = await pages(viewer, limit);
      expect(got.flat()).toEqual(visible);
      // Full pages, then the rest; no empty page at the end unless nothing matched.
      expect(got.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      expect(got.at(-1)!.length).toBeGreaterThan(0);
    }
    expect((await pages(owner, 4)).flat()).toEqual(newestFirst(all));
    expect((await pages(admin, 5)).flat()).toEqual(newestFirst(all));
  });

  it('answers a user who may see more workflows than fit in a statement as bound parameters', async () => {
    // More than SQLite's 32,766 bound variables and than the 100,000 workflows the old id list was capped at.
    const count = 100_001;
    const many = new TestClient(api.url);
    const userId = (await many.register('many@example.com')).id;
    const { db, t } = api.runtime.storage.conn;
    // The run's workflow is the least recently updated: the last one a list by updatedAt would reach.
    const workflows = Array.from({ length: count }, (_, i) => ({
      id: `many-${i}`,
      name: `Many ${i}`,
      ownerId: userId,
      createdAt: i,
      updatedAt: i,
      publishedVersionId: null,
      archived: false,
    }));
    const members = workflows.map((w) => ({ workflowId: w.id, userId, role: 'owner', createdAt: 0 }));
    // Multi-row inserts below SQLite's variable limit (7 and 4 columns a row).
    for (let i = 0; i < count; i += 4000) {
      await db.insert(t.workflows).values(workflows.slice(i, i + 4000));
      await db.insert(t.workflowMembers).values(members.slice(i, i + 4000));
      // SQLite's inserts block this process's event loop, which also runs the api: between chunks, let the
      // client's and the server's keep-alive timers fire in order. Starved for seconds, they fired together
      // after the loop, and the next request could go out on a socket the server then closed (ECONNRESET).
      await new Promise((r) => setImmediate(r));
    }
    const hidden = await workflow('Not for many');
    await run('many-0', 'many-run', 3001);
    await run(hidden, 'not-many-run', 3002);

    const page = await listed(many, between(3000, 3999));
    expect(page.data.map((r) => r.id)).toEqual(['many-run']);
    expect(page.nextCursor).toBeNull();
  }, 60_000);
});
