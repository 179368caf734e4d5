import { applyOps } from '@tandem/shared/doc';
import { COAUTHOR_ACTOR, writeSuggestions } from '@tandem/worker/ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

const flow = (name: string) => ({
  name,
  nodes: [{ id: 'a', name: 'Call partner', type: 'noOp', typeVersion: 1, position: [0, 0], parameters: {} }],
  connections: {},
});

const retry = (id: string, fixes?: { node: string; message: string }) => ({
  id,
  ops: [{ op: 'setNodeField' as const, nodeId: 'a', field: 'retryOnFail' as const, value: true }],
  rationale: `rationale ${id}`,
  basedOn: ['a'],
  source: 'heuristic' as const,
  fixes,
});

describe('GET /api/ai/suggestions (the dashboard list)', () => {
  let api: TestApi;
  let admin: TestClient;
  let alice: TestClient;
  let bob: TestClient;
  const wf: Record<string, string> = {};

  const write = (workflowId: string, list: ReturnType<typeof retry>[]) =>
    api.runtime.collab().applyServerUpdate(workflowId, (doc) => writeSuggestions(doc, list, COAUTHOR_ACTOR), {
      userId: COAUTHOR_ACTOR.userId,
    });

  beforeAll(async () => {
    api = await startTestApi('sqlite');
    admin = new TestClient(api.url);
    await admin.register('admin-sugg@example.com');
    alice = new TestClient(api.url);
    const aliceId = (await alice.register('alice-sugg@example.com')).id;
    bob = new TestClient(api.url);
    await bob.register('bob-sugg@example.com');
    wf.alice = (await alice.post('/api/workflows', flow('Alice orders'))).json.id;
    wf.shared = (await bob.post('/api/workflows', flow('Bob shared'))).json.id;
    wf.private = (await bob.post('/api/workflows', flow('Bob private'))).json.id;
    await bob.put(`/api/workflows/${wf.shared}/members`, { members: [{ userId: aliceId, role: 'viewer' }] });
    await write(wf.alice!, [retry('s-next')]);
    await write(wf.shared!, [
      retry('s-fix', { node: 'Call partner', message: '503 temporarily unavailable' }),
    ]);
    await write(wf.private!, [retry('s-secret')]);
    // Decided suggestions are not waiting any more.
    await write(wf.alice!, [retry('s-done')]);
    await api.runtime
      .collab()
      .applyServerUpdate(
        wf.alice!,
        (doc) =>
          applyOps(doc, [{ op: 'rejectSuggestion', suggestionId: 's-done' }], { actor: { userId: 'x' } }),
        { userId: 'x' },
      );
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists pending suggestions only from workflows the caller may see, fixes for failed runs first', async () => {
    const res = await alice.get('/api/ai/suggestions');
    expect(res.status).toBe(200);
    expect(res.json.data.map((s: { id: string }) => s.id)).toEqual(['s-fix', 's-next']);
    expect(res.json.data[0]).toMatchObject({
      workflowId: wf.shared,
      workflowName: 'Bob shared',
      byAi: true,
      author: { userId: 'ai:coauthor', name: 'AI co-author' },
      changes: 1,
      fixes: { node: 'Call partner', message: '503 temporarily unavailable' },
    });
    expect(res.json.data[1].fixes).toBeNull();
    expect(JSON.stringify(res.json)).not.toContain('s-secret');

    const bobs = (await bob.get('/api/ai/suggestions')).json.data.map((s: { id: string }) => s.id);
    expect(bobs.sort()).toEqual(['s-fix', 's-secret']);
    const all = (await admin.get('/api/ai/suggestions')).json;
    expect(all.total).toBe(3);
    expect((await admin.get('/api/ai/suggestions?limit=1')).json.data).toHaveLength(1);
  });

  it('needs a signed-in user and refuses a bad limit with a clear error', async () => {
    expect((await new TestClient(api.url).get('/api/ai/suggestions')).status).toBe(401);
    const bad = await alice.get('/api/ai/suggestions?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
  });
});
