import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../storage/test-databases.ts';
import { type Callers, registerCallers } from '../test-support/callers.ts';
import { startRunningTestApi, type TestApi, type TestClient } from '../test-support/harness.ts';

const manual = (name: string) => ({
  name,
  nodes: [
    { id: 't', name: 'Start', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
  ],
  connections: {},
});

describe.each(BACKENDS)('what the executions list lets each caller do with a run, on %s', (dialect) => {
  let api: TestApi;
  let callers: Callers;
  beforeAll(async () => {
    api = await startRunningTestApi(dialect);
    callers = await registerCallers(api.url);
  });
  afterAll(() => api?.close());

  it('answers canEdit per run: owner, editor and admin may, a viewer may not, nobody on an archived workflow; a stranger sees no runs', async () => {
    const { admin, owner, editor, viewer, stranger, ids } = callers;
    const members = [
      { userId: ids.editor, role: 'editor' },
      { userId: ids.viewer, role: 'viewer' },
    ];
    const workflows: Record<string, string> = {};
    for (const name of ['Shared', 'Archived']) {
      const id = (await owner.post('/api/workflows', manual(name))).json.id as string;
      expect((await owner.put(`/api/workflows/${id}/members`, { members })).status).toBe(200);
      expect((await owner.post(`/api/workflows/${id}/execute`, { draft: true, wait: 10 })).status).toBe(200);
      workflows[name] = id;
    }
    expect((await owner.delete(`/api/workflows/${workflows.Archived}`)).status).toBe(200);

    const canEdit = async (c: TestClient) => {
      const res = await c.get('/api/executions');
      expect(res.status).toBe(200);
      return Object.fromEntries(
        res.json.data.map((r: { workflowName: string; canEdit: boolean }) => [r.workflowName, r.canEdit]),
      );
    };
    expect(await canEdit(owner)).toEqual({ Shared: true, Archived: false });
    expect(await canEdit(editor)).toEqual({ Shared: true, Archived: false });
    expect(await canEdit(viewer)).toEqual({ Shared: false, Archived: false });
    expect(await canEdit(admin)).toEqual({ Shared: true, Archived: false });
    expect(await canEdit(stranger)).toEqual({});
  });
});
