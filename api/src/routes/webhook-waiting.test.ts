import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunningTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

describe('Wait node resumed by its webhook ($execution.resumeUrl)', () => {
  let api: TestApi;
  let c: TestClient;
  beforeAll(async () => {
    api = await startRunningTestApi();
    c = new TestClient(api.url);
    await c.register('waiter@example.com');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('parks the execution, resumes it with the call as the Wait node output, and answers 404 to a second call', async () => {
    const wf = (
      await c.post('/api/workflows', {
        name: 'Approval',
        nodes: [
          { id: 's', name: 'Start', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
          {
            id: 'w',
            name: 'Wait',
            type: 'wait',
            typeVersion: 1.1,
            position: [200, 0],
            parameters: { resume: 'webhook', httpMethod: 'POST' },
          },
          {
            id: 'd',
            name: 'Decision',
            type: 'set',
            typeVersion: 3.4,
            position: [400, 0],
            parameters: {
              mode: 'raw',
              jsonOutput: '={{ { "approved": $json.body.approved, "url": $execution.resumeUrl } }}',
            },
          },
        ],
        connections: {
          Start: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] },
          Wait: { main: [[{ node: 'Decision', type: 'main', index: 0 }]] },
        },
        settings: { executionOrder: 'v1' },
      })
    ).json;
    await c.post(`/api/workflows/${wf.id}/publish`);
    const run = (await c.post(`/api/workflows/${wf.id}/execute`, { wait: 2 })).json;
    await expect.poll(async () => (await c.get(`/api/executions/${run.id}`)).json.status).toBe('waiting');
    const resume = await fetch(`${api.url}/webhook-waiting/${run.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'tandem_session=should-not-be-captured' },
      body: '{"approved":true}',
    });
    expect(resume.status).toBe(200);
    expect(resume.headers.get('content-security-policy')).toBe('sandbox');
    await expect
      .poll(async () => (await c.get(`/api/executions/${run.id}`)).json.status, { timeout: 10_000 })
      .toBe('succeeded');
    const done = (await c.get(`/api/executions/${run.id}`)).json;
    expect(done.runData.Decision[0].data.main[0][0].json).toEqual({
      approved: true,
      url: `${api.url}/webhook-waiting/${run.id}`,
    });
    expect(JSON.stringify(done.runData)).not.toContain('should-not-be-captured');
    expect((await fetch(`${api.url}/webhook-waiting/${run.id}`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${api.url}/webhook-waiting/unknown-id`, { method: 'POST' })).status).toBe(404);
  });
});
