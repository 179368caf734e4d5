import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node, publishWorkflow, startThen } from './test-support/flows.ts';
import { startRunningTestApi, type TestApi, TestClient } from './test-support/harness.ts';

/** A workflow with an Error Trigger; answers its id. */
const errorHandler = async (client: TestClient) =>
  (
    await client.post('/api/workflows', {
      name: 'On error',
      nodes: [node('Error Trigger', 'errorTrigger'), node('Note', 'noOp', {}, 200)],
      connections: { 'Error Trigger': { main: [[{ node: 'Note', type: 'main', index: 0 }]] } },
    })
  ).json.id as string;

/** Waits until the error workflow ran once for `failedId`, then a while longer: still once. */
async function expectOneErrorRun(client: TestClient, handlerId: string, failedId: string) {
  const runs = async () => (await client.get(`/api/executions?workflowId=${handlerId}`)).json.data;
  await expect.poll(runs, { timeout: 10_000 }).toHaveLength(1);
  await new Promise((r) => setTimeout(r, 500));
  expect(await runs()).toEqual([expect.objectContaining({ mode: 'error', parentExecutionId: failedId })]);
}

describe('error workflows', () => {
  let api: TestApi;
  let owner: TestClient;
  beforeAll(async () => {
    api = await startRunningTestApi();
    owner = new TestClient(api.url);
    await owner.register('errors@example.com');
  });
  afterAll(async () => {
    await api?.close();
  });

  const failing = (errorWorkflow: string) => ({
    name: 'Fails',
    nodes: [
      node('Start', 'manualTrigger'),
      node('Boom', 'stopAndError', { errorMessage: 'out of stock' }, 200),
    ],
    connections: { Start: { main: [[{ node: 'Boom', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' as const, errorWorkflow },
  });

  it('a failed execution starts the named error workflow with an Error Trigger item', async () => {
    const handler = (
      await owner.post('/api/workflows', {
        name: 'On error',
        nodes: [node('Error Trigger', 'errorTrigger'), node('Note', 'noOp', {}, 200)],
        connections: { 'Error Trigger': { main: [[{ node: 'Note', type: 'main', index: 0 }]] } },
      })
    ).json;
    const wf = (await owner.post('/api/workflows', failing(handler.id))).json;
    await owner.post(`/api/workflows/${wf.id}/publish`);
    const run = await owner.post(`/api/workflows/${wf.id}/execute`, { wait: 20 });
    expect(run.json.status).toBe('failed');
    await expect
      .poll(async () => (await owner.get(`/api/executions?workflowId=${handler.id}`)).json.data, {
        timeout: 10_000,
      })
      .toHaveLength(1);
    const [errorRun] = (await owner.get(`/api/executions?workflowId=${handler.id}`)).json.data;
    expect(errorRun).toMatchObject({ mode: 'error', parentExecutionId: run.json.id });
    await expect
      .poll(async () => (await owner.get(`/api/executions/${errorRun.id}`)).json.status)
      .toBe('succeeded');
    const detail = (await owner.get(`/api/executions/${errorRun.id}`)).json;
    const item = detail.runData['Error Trigger'][0].data.main[0][0].json;
    expect(item.workflow.name).toBe('Fails');
    expect(item.execution.id).toBe(run.json.id);
    expect(item.execution.error.message).toMatch(/out of stock/);
  });

  it("does not start someone else's workflow as an error workflow", async () => {
    const other = new TestClient(api.url);
    await other.register('other-errors@example.com');
    const theirs = (
      await other.post('/api/workflows', {
        name: 'Theirs',
        nodes: [node('Error Trigger', 'errorTrigger')],
      })
    ).json;
    const wf = (await owner.post('/api/workflows', failing(theirs.id))).json;
    await owner.post(`/api/workflows/${wf.id}/publish`);
    expect((await owner.post(`/api/workflows/${wf.id}/execute`, { wait: 20 })).json.status).toBe('failed');
    await new Promise((r) => setTimeout(r, 500));
    expect((await other.get(`/api/executions?workflowId=${theirs.id}`)).json.data).toHaveLength(0);
  });
});

describe('error workflows of failures outside a node', () => {
  let api: TestApi;
  let owner: TestClient;
  beforeAll(async () => {
    api = await startRunningTestApi('sqlite', { EXECUTIONS_MAX_RUN_DATA_MB: '1' });
    owner = new TestClient(api.url);
    await owner.register('errors-outside@example.com');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('run data too large to store starts the error workflow once', async () => {
    const handler = await errorHandler(owner);
    const jsCode = `return Array.from({ length: 300 }, (_, i) => ({ json: { i, text: 'x'.repeat(10000) } }));`;
    const wf = await publishWorkflow(
      owner,
      startThen('Too big', node('Big', 'code', { jsCode }), { errorWorkflow: handler }),
    );
    const run = (await owner.post(`/api/workflows/${wf}/execute`, { wait: 20 })).json;
    expect(run).toMatchObject({ status: 'failed', error: { name: 'RunDataTooLargeError' } });
    await expectOneErrorRun(owner, handler, run.id);
  });

  it('a run that fails finally after its retries (the store failing) starts the error workflow once', async () => {
    const handler = await errorHandler(owner);
    const wf = await publishWorkflow(
      owner,
      startThen('Unlucky', node('Note', 'noOp'), { errorWorkflow: handler }),
    );
    const store = api.runtime.deps.storage.executions.store;
    const loadWorkflow = store.loadWorkflow.bind(store);
    let refused = 0;
    // Every delivery of this workflow's run fails (3 attempts); the runner may read it again afterwards.
    store.loadWorkflow = async (record) => {
      if (record.workflowId === wf && refused < 3) {
        refused++;
        throw new Error('connect ECONNREFUSED 127.0.0.1:3306');
      }
      return loadWorkflow(record);
    };
    const run = (await owner.post(`/api/workflows/${wf}/execute`, { wait: 20 })).json;
    expect(run.status).toBe('failed');
    expect(refused).toBe(3);
    await expectOneErrorRun(owner, handler, run.id);
  });
});
