import type { WorkflowJson } from '@tandem/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRegistry } from './routes/fixtures/test-nodes.ts';
import { node } from './test-support/flows.ts';
import { startRunningTestApi, type TestApi, TestClient } from './test-support/harness.ts';

describe('sub-workflows run as executions of their own (attachExecutions, embedded)', () => {
  let api: TestApi;
  let owner: TestClient;
  beforeAll(async () => {
    api = await startRunningTestApi('sqlite', {}, { nodeTypes: testRegistry() });
    owner = new TestClient(api.url);
    await owner.register('sub@example.com');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('the parent waits for the child, gets its output, and the child is linked to it', async () => {
    const child: WorkflowJson = {
      name: 'child',
      nodes: [node('Start', 'n8n-nodes-base.executeWorkflowTrigger'), node('Mark', 'mark', {}, 200)],
      connections: { Start: { main: [[{ node: 'Mark', type: 'main', index: 0 }]] } },
      settings: {},
    };
    const childId = (await owner.post('/api/workflows', child)).json.id;
    const parent: WorkflowJson = {
      name: 'parent',
      nodes: [
        node(
          'Webhook',
          'n8n-nodes-base.webhook',
          { httpMethod: 'POST', path: 'parent', responseMode: 'lastNode' },
          0,
          2,
        ),
        node('Call', 'n8n-nodes-base.executeWorkflow', { source: 'database', workflowId: childId }, 200, 1.2),
      ],
      connections: { Webhook: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
      settings: {},
    };
    const parentId = (await owner.post('/api/workflows', parent)).json.id;
    await owner.post(`/api/workflows/${parentId}/publish`);
    const run = await owner.post(`/api/workflows/${parentId}/execute`, {
      items: [{ json: { n: 1 } }],
      wait: 20,
    });
    expect(run.json.status).toBe('succeeded');
    expect(run.json.runData.Call[0].data.main[0][0].json).toMatchObject({ marked: true });
    const children = (await owner.get(`/api/executions?workflowId=${childId}&mode=subworkflow`)).json.data;
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ status: 'succeeded', parentExecutionId: run.json.id });
  });

  it('refuses to call a workflow its owner may only view, or not see at all (no admin shortcut)', async () => {
    // `owner` registered first, so is the instance admin: their workflow is the target here.
    const target: WorkflowJson = {
      name: 'secret child',
      nodes: [node('Start', 'n8n-nodes-base.executeWorkflowTrigger'), node('Mark', 'mark', {}, 200)],
      connections: { Start: { main: [[{ node: 'Mark', type: 'main', index: 0 }]] } },
      settings: {},
    };
    const targetId = (await owner.post('/api/workflows', target)).json.id;
    const mallory = new TestClient(api.url);
    const malloryId = (await mallory.register('mallory-sub@example.com')).id;
    const caller = (targetWorkflowId: string): WorkflowJson => ({
      name: 'caller',
      nodes: [
        node('Start', 'n8n-nodes-base.manualTrigger'),
        node(
          'Call',
          'n8n-nodes-base.executeWorkflow',
          { source: 'database', workflowId: targetWorkflowId },
          200,
          1.2,
        ),
      ],
      connections: { Start: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
      settings: {},
    });
    const callerId = (await mallory.post('/api/workflows', caller(targetId))).json.id;
    const stranger = await mallory.post(`/api/workflows/${callerId}/execute`, { draft: true, wait: 20 });
    expect(stranger.json.status).toBe('failed');
    expect(JSON.stringify(stranger.json.runData.Call)).toMatch(/not found/);
    await owner.put(`/api/workflows/${targetId}/members`, {
      members: [{ userId: malloryId, role: 'viewer' }],
    });
    const viewer = await mallory.post(`/api/workflows/${callerId}/execute`, { draft: true, wait: 20 });
    expect(viewer.json.status).toBe('failed');
    await owner.put(`/api/workflows/${targetId}/members`, {
      members: [{ userId: malloryId, role: 'editor' }],
    });
    const editor = await mallory.post(`/api/workflows/${callerId}/execute`, { draft: true, wait: 20 });
    expect(editor.json.status).toBe('succeeded');
  });
});
