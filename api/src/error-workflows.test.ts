import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunningTestApi, type TestApi, TestClient } from './test-support/harness.ts';

const node = (id: string, type: string, typeVersion: number, parameters = {}, x = 0) => ({
  id,
  name: id,
  type,
  typeVersion,
  position: [x, 0] as [number, number],
  parameters,
});

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
      node('Start', 'manualTrigger', 1),
      node('Boom', 'stopAndError', 1, { errorMessage: 'out of stock' }, 200),
    ],
    connections: { Start: { main: [[{ node: 'Boom', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' as const, errorWorkflow },
  });

  it('a failed execution starts the named error workflow with an Error Trigger item', async () => {
    const handler = (
      await owner.post('/api/workflows', {
        name: 'On error',
        nodes: [node('Error Trigger', 'errorTrigger', 1), node('Note', 'noOp', 1, {}, 200)],
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
        nodes: [node('Error Trigger', 'errorTrigger', 1)],
      })
    ).json;
    const wf = (await owner.post('/api/workflows', failing(theirs.id))).json;
    await owner.post(`/api/workflows/${wf.id}/publish`);
    expect((await owner.post(`/api/workflows/${wf.id}/execute`, { wait: 20 })).json.status).toBe('failed');
    await new Promise((r) => setTimeout(r, 500));
    expect((await other.get(`/api/executions?workflowId=${theirs.id}`)).json.data).toHaveLength(0);
  });
});
