import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node, publishWorkflow, startThen } from '../test-support/flows.ts';
import { startRunningTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

// Embedded (SQLite): what the execution stores and the API shows when the database, not a node, failed the run.
describe('the stored error of a run the database failed', () => {
  let api: TestApi;
  let owner: TestClient;
  beforeAll(async () => {
    api = await startRunningTestApi('sqlite');
    owner = new TestClient(api.url);
    await owner.register('host-failure@example.com');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('a final write SQLite refuses (all attempts): a clear message naming the execution, no SQLite text', async () => {
    const wf = await publishWorkflow(owner, startThen('Refused', node('Note', 'noOp')));
    // A real driver error: SQLite's own NOT NULL refusal.
    let refusal: Error | undefined;
    try {
      (api.runtime.deps.storage.conn.db as any).$client
        .prepare('INSERT INTO executions (id) VALUES (NULL)')
        .run();
    } catch (err) {
      refusal = err as Error;
    }
    expect(refusal?.message).toMatch(/NOT NULL constraint failed/);
    const store = api.runtime.deps.storage.executions.store;
    const finish = store.finish.bind(store);
    let refused = 0;
    store.finish = async (id, state) => {
      if ((await store.get(id))?.workflowId === wf && refused < 3) {
        refused++;
        throw refusal;
      }
      return finish(id, state);
    };
    const run = (await owner.post(`/api/workflows/${wf}/execute`, { wait: 20 })).json;
    expect(refused).toBe(3);
    const shown = (await owner.get(`/api/executions/${run.id}`)).json;
    expect(shown.status).toBe('failed');
    expect(shown.error).toEqual({
      name: 'StorageError',
      message: `The execution could not be stored: the database refused the write (see the server log, execution ${run.id})`,
    });
    expect(JSON.stringify(shown)).not.toMatch(/constraint|SQLITE|executions\.id/i);
  });

  it("a node's error is the user's data: kept as thrown, even when it quotes a database", async () => {
    const jsCode = `throw new Error('UNIQUE constraint failed: orders.id');`;
    const wf = await publishWorkflow(owner, startThen('Own error', node('Code', 'code', { jsCode })));
    const run = (await owner.post(`/api/workflows/${wf}/execute`, { wait: 20 })).json;
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      message: expect.stringContaining('UNIQUE constraint failed: orders.id'),
    });
  });
});
