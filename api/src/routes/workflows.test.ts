import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS } from '../storage/test-databases.ts';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

const sample = (name: string) => ({
  name,
  nodes: [
    {
      id: 'n1',
      name: 'Webhook',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0],
      parameters: { path: 'orders', httpMethod: 'POST' },
    },
    {
      id: 'n2',
      name: 'Set',
      type: 'n8n-nodes-base.set',
      typeVersion: 3.4,
      position: [220, 0],
      parameters: { mode: 'raw', jsonOutput: '={{ { "a": $json.body.a } }}' },
    },
  ],
  connections: { Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
  settings: { executionOrder: 'v1' },
});

describe.each(BACKENDS)('workflows REST on %s', (dialect) => {
  let api: TestApi;
  let alice: TestClient;
  let bob: TestClient;
  let bobId: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    alice = new TestClient(api.url);
    await alice.register('alice@example.com');
    bob = new TestClient(api.url);
    bobId = (await bob.register('bob@example.com')).id;
  });
  afterAll(() => api?.close());

  it('creates from JSON and reads the same workflow back (the draft lives in the document store)', async () => {
    const created = await alice.post('/api/workflows', sample('Orders'));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Orders',
      role: 'owner',
      archived: false,
      publishedVersionId: null,
    });
    const got = await alice.get(`/api/workflows/${created.json.id}`);
    expect(got.json.nodes).toEqual(sample('Orders').nodes);
    expect(got.json.connections).toEqual(sample('Orders').connections);
    expect((await api.runtime.storage.documents.loadDocument(created.json.id)).updates).toHaveLength(1);
    const empty = await alice.post('/api/workflows', {});
    expect(empty.json).toMatchObject({ name: 'My workflow', nodes: [] });
  });

  it('replaces the draft with PUT, validating the JSON', async () => {
    const { json: wf } = await alice.post('/api/workflows', sample('Edit me'));
    const next = sample('Edited');
    next.nodes[1]!.parameters = { mode: 'raw', jsonOutput: '={{ { "b": 2 } }}' };
    const put = await alice.put(`/api/workflows/${wf.id}`, next);
    expect(put.status).toBe(200);
    expect(put.json.name).toBe('Edited');
    expect((await alice.get(`/api/workflows/${wf.id}`)).json.nodes[1].parameters.jsonOutput).toBe(
      '={{ { "b": 2 } }}',
    );
    const bad = await alice.put(`/api/workflows/${wf.id}`, { ...next, nodes: [{ id: 'x', name: 'X' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    expect(bad.json.error.details.some((d: { path: string }) => d.path.startsWith('nodes.0'))).toBe(true);
    expect((await alice.get(`/api/workflows/${wf.id}`)).json.name).toBe('Edited');
  });

  it('lists only what the caller may see, paginated by cursor, filtered by name', async () => {
    const c = new TestClient(api.url);
    await c.register('lister@example.com');
    for (let i = 0; i < 5; i++) await c.post('/api/workflows', { name: `List ${i}` });
    const p1 = await c.get('/api/workflows?limit=2');
    expect(p1.json.data.map((w: { name: string }) => w.name)).toEqual(['List 4', 'List 3']);
    const p2 = await c.get(`/api/workflows?limit=2&cursor=${p1.json.nextCursor}`);
    expect(p2.json.data.map((w: { name: string }) => w.name)).toEqual(['List 2', 'List 1']);
    const p3 = await c.get(`/api/workflows?limit=2&cursor=${p2.json.nextCursor}`);
    expect(p3.json).toMatchObject({ nextCursor: null });
    expect((await c.get('/api/workflows?name=List 3')).json.data).toHaveLength(1);
    expect(
      (await bob.get('/api/workflows')).json.data.some((w: { name: string }) => w.name.startsWith('List')),
    ).toBe(false);
    expect((await c.get('/api/workflows?limit=0')).status).toBe(400);
    expect((await c.get('/api/workflows?cursor=garbage!!')).json.error.code).toBe('validation_failed');
  });

  it("answers each listed workflow's role from one query for the page: owner, editor, viewer; an admin as owner", async () => {
    const outsider = new TestClient(api.url);
    await outsider.register('role-outsider@example.com');
    const sharer = new TestClient(api.url);
    await sharer.register('role-sharer@example.com');
    const member = new TestClient(api.url);
    const memberId = (await member.register('role-member@example.com')).id;
    await member.post('/api/workflows', { name: 'Roles mine' });
    for (const role of ['editor', 'viewer']) {
      const id = (await sharer.post('/api/workflows', { name: `Roles ${role}` })).json.id as string;
      await sharer.put(`/api/workflows/${id}/members`, { members: [{ userId: memberId, role }] });
    }
    const roles = async (c: TestClient) =>
      Object.fromEntries(
        (await c.get('/api/workflows?name=Roles')).json.data.map((w: { name: string; role: string }) => [
          w.name,
          w.role,
        ]),
      );
    const roleOf = vi.spyOn(api.runtime.storage.workflows, 'roleOf');
    try {
      expect(await roles(member)).toEqual({
        'Roles mine': 'owner',
        'Roles editor': 'editor',
        'Roles viewer': 'viewer',
      });
      expect(await roles(sharer)).toEqual({ 'Roles editor': 'owner', 'Roles viewer': 'owner' });
      expect(await roles(outsider)).toEqual({});
      expect(await roles(alice)).toMatchObject({
        'Roles mine': 'owner',
        'Roles editor': 'owner',
        'Roles viewer': 'owner',
      });
      expect(roleOf).not.toHaveBeenCalled();
    } finally {
      roleOf.mockRestore();
    }
  });

  describe('lastExecution in the list', () => {
    /** A queued run at a chosen time, written straight to storage (no runner: it stays as written). */
    const run = (workflowId: string, id: string, createdAt: number, mode: 'manual' | 'webhook' = 'manual') =>
      api.runtime.storage.executions.create({
        id,
        workflowId,
        versionId: null,
        mode,
        createdBy: null,
        input: null,
        createdAt,
      });
    const lastOf = async (c: TestClient, name: string) =>
      Object.fromEntries(
        (await c.get(`/api/workflows?name=${encodeURIComponent(name)}&limit=100`)).json.data.map(
          (w: { name: string; lastExecution: unknown }) => [w.name, w.lastExecution],
        ),
      );

    it('is null without runs and the newest run (any mode; same millisecond: largest id) otherwise; runs of other workflows do not leak', async () => {
      const c = new TestClient(api.url);
      await c.register('last-run@example.com');
      await c.post('/api/workflows', { name: 'Last never' });
      const ran = (await c.post('/api/workflows', { name: 'Last ran' })).json.id as string;
      const other = (await alice.post('/api/workflows', { name: 'Last other' })).json.id as string;
      await run(ran, 'last-old', 1000);
      await run(ran, 'last-new', 3000, 'webhook');
      await run(ran, 'last-mid', 2000);
      await run(other, 'last-other', 9000);
      const tie = (await c.post('/api/workflows', { name: 'Last tie' })).json.id as string;
      await run(tie, 'last-tie-b', 5000);
      await run(tie, 'last-tie-a', 5000);
      expect(await lastOf(c, 'Last')).toEqual({
        'Last never': null,
        'Last ran': { id: 'last-new', status: 'queued', startedAt: null },
        'Last tie': { id: 'last-tie-b', status: 'queued', startedAt: null },
      });
      expect((await lastOf(alice, 'Last'))['Last other']).toMatchObject({ id: 'last-other' });
      expect((await lastOf(alice, 'Last'))['Last never']).toBeNull();
      await api.runtime.storage.executions.markRunning('last-new', 4000);
      expect((await lastOf(c, 'Last ran'))['Last ran']).toEqual({
        id: 'last-new',
        status: 'running',
        startedAt: new Date(4000).toISOString(),
      });
    });

    it("answers a 50-row page's last runs from one query, however many rows", async () => {
      const c = new TestClient(api.url);
      await c.register('last-page@example.com');
      for (let i = 0; i < 50; i++) {
        const id = (await c.post('/api/workflows', { name: `Paged ${i}` })).json.id as string;
        await run(id, `paged-${i}-a`, 1000 + i);
        await run(id, `paged-${i}-b`, 2000 + i);
      }
      const latestOf = vi.spyOn(api.runtime.storage.executions, 'latestOf');
      try {
        const page = await c.get('/api/workflows?name=Paged&limit=50');
        expect(page.json.data).toHaveLength(50);
        for (const w of page.json.data as { name: string; lastExecution: { id: string } }[])
          expect(w.lastExecution.id).toBe(`paged-${w.name.slice('Paged '.length)}-b`);
        expect(latestOf).toHaveBeenCalledTimes(1);
      } finally {
        latestOf.mockRestore();
      }
    });
  });

  it('searches by any part of the name, in any case, taking % _ \\ ! literally; refuses searches over 256 characters', async () => {
    const c = new TestClient(api.url);
    await c.register('searcher@example.com');
    for (const name of ['Nightly Invoices', '100% done', 'a_b', 'a\\b', 'axb', 'Wow!'])
      await c.post('/api/workflows', { name });
    const found = async (name: string) =>
      (await c.get(`/api/workflows?name=${encodeURIComponent(name)}`)).json.data
        .map((w: { name: string }) => w.name)
        .sort();
    expect(await found('voice')).toEqual(['Nightly Invoices']);
    expect(await found('NIGHTLY inv')).toEqual(['Nightly Invoices']);
    expect(await found('nothing like it')).toEqual([]);
    expect(await found('%')).toEqual(['100% done']);
    expect(await found('a_')).toEqual(['a_b']);
    expect(await found('a\\')).toEqual(['a\\b']);
    expect(await found('!')).toEqual(['Wow!']);
    const long = await c.get(`/api/workflows?name=${'x'.repeat(257)}`);
    expect(long.status).toBe(400);
    expect(long.json.error.code).toBe('validation_failed');
  });

  it("answers 404 for another user's workflow, and sharing gives viewers read-only access (403 on writes)", async () => {
    const { json: wf } = await alice.post('/api/workflows', sample('Private'));
    for (const r of [
      await bob.get(`/api/workflows/${wf.id}`),
      await bob.put(`/api/workflows/${wf.id}`, sample('Hijack')),
      await bob.delete(`/api/workflows/${wf.id}`),
      await bob.get(`/api/workflows/${wf.id}/export`),
      await bob.get(`/api/workflows/${wf.id}/members`),
    ]) {
      expect(r.status).toBe(404);
      expect(r.text).not.toContain('Private');
    }
    const shared = await alice.put(`/api/workflows/${wf.id}/members`, {
      members: [{ userId: bobId, role: 'viewer' }],
    });
    expect(shared.json.members.map((m: { role: string }) => m.role).sort()).toEqual(['owner', 'viewer']);
    expect((await bob.get(`/api/workflows/${wf.id}`)).json).toMatchObject({
      name: 'Private',
      role: 'viewer',
    });
    const write = await bob.put(`/api/workflows/${wf.id}`, sample('Hijack'));
    expect(write.status).toBe(403);
    expect(write.json.error.code).toBe('forbidden');
    expect((await bob.put(`/api/workflows/${wf.id}/members`, { members: [] })).status).toBe(403);
    await alice.put(`/api/workflows/${wf.id}/members`, { members: [{ userId: bobId, role: 'editor' }] });
    expect((await bob.put(`/api/workflows/${wf.id}`, sample('Co-edited'))).status).toBe(200);
    expect((await bob.delete(`/api/workflows/${wf.id}`)).status).toBe(403);
    expect(
      (await alice.put(`/api/workflows/${wf.id}/members`, { members: [{ userId: 'ghost', role: 'editor' }] }))
        .status,
    ).toBe(400);
    expect(
      (await alice.put(`/api/workflows/${wf.id}/members`, { members: [{ userId: bobId, role: 'owner' }] }))
        .status,
    ).toBe(400);
  });

  it('archives on DELETE and exports/imports n8n JSON', async () => {
    const { json: wf } = await alice.post('/api/workflows', sample('Archive me'));
    expect((await alice.delete(`/api/workflows/${wf.id}`)).status).toBe(200);
    expect((await alice.get(`/api/workflows/${wf.id}`)).json.archived).toBe(true);
    const frozen = await alice.put(`/api/workflows/${wf.id}`, sample('Edited while archived'));
    expect(frozen.status).toBe(409);
    expect(frozen.json.error.message).toMatch(/archived/);
    expect((await alice.get('/api/workflows')).json.data.some((w: { id: string }) => w.id === wf.id)).toBe(
      false,
    );
    expect(
      (await alice.get('/api/workflows?archived=true')).json.data.some((w: { id: string }) => w.id === wf.id),
    ).toBe(true);
    const exported = await alice.get(`/api/workflows/${wf.id}/export`);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.json).toMatchObject({
      name: 'Archive me',
      nodes: sample('x').nodes,
      connections: sample('x').connections,
    });
    expect((await bob.post(`/api/workflows/${wf.id}/unarchive`)).status).toBe(404);
    expect((await alice.post(`/api/workflows/${wf.id}/unarchive`)).status).toBe(200);
    expect((await alice.put(`/api/workflows/${wf.id}`, sample('Back'))).status).toBe(200);
    const imported = await alice.post('/api/workflows/import', exported.json);
    expect(imported.status).toBe(201);
    expect(imported.json.workflow.id).not.toBe(wf.id);
    expect(imported.json.workflow.nodes).toEqual(sample('x').nodes);
  });

  it('stores SQL-injection-looking names verbatim', async () => {
    const name = `x'); DELETE FROM workflows; -- "`;
    const { json: wf } = await alice.post('/api/workflows', { name });
    expect((await alice.get(`/api/workflows/${wf.id}`)).json.name).toBe(name);
    expect(
      (await alice.get(`/api/workflows?name=${encodeURIComponent("'); DELETE")}`)).json.data,
    ).toHaveLength(1);
  });
});
