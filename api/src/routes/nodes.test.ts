import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

const custom = {
  type: 'shout',
  displayName: 'Shout',
  description: 'Upper-cases a field',
  parameters: [{ name: 'field', displayName: 'Field', type: 'string', default: 'text', required: true }],
  code: 'return $input.all().map((i) => ({ json: { ...i.json, [$parameters.field]: String(i.json[$parameters.field]).toUpperCase() } }));',
};

describe('node registry API', () => {
  let api: TestApi;
  let c: TestClient;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
    c = new TestClient(api.url);
    await c.register('nodes@example.com');
  });
  afterAll(() => api?.close());

  it('lists built-in descriptions grouped and searchable, with port counts as numbers', async () => {
    const res = await c.get('/api/nodes');
    expect(res.status).toBe(200);
    const types = res.json.data.map((d: { type: string }) => d.type);
    for (const t of [
      'webhook',
      'if',
      'switch',
      'merge',
      'code',
      'set',
      'httpRequest',
      'respondToWebhook',
      'scheduleTrigger',
    ]) {
      expect(types).toContain(t);
    }
    expect(res.json.groups.find((g: { group: string }) => g.group === 'trigger').types).toContain('webhook');
    const iff = res.json.data.find((d: { type: string }) => d.type === 'if');
    expect(iff).toMatchObject({ inputs: 1, outputs: 2, custom: false });
    const sw = res.json.data.find((d: { type: string }) => d.type === 'switch');
    expect(sw.dynamicPorts).toBe(true);
    const search = await c.get('/api/nodes?search=merge');
    expect(search.json.data.map((d: { type: string }) => d.type)).toContain('merge');
    expect(search.json.data.map((d: { type: string }) => d.type)).not.toContain('webhook');
  });

  it('answers one type by id or n8n alias, 404 otherwise', async () => {
    expect((await c.get('/api/nodes/n8n-nodes-base.httpRequest')).json.type).toBe('httpRequest');
    expect((await c.get('/api/nodes/nope')).status).toBe(404);
    expect((await new TestClient(api.url).get('/api/nodes')).status).toBe(401);
  });

  it('defines custom nodes with versions, validates them, and lists them with the built-ins', async () => {
    const first = await c.post('/api/nodes/custom', custom);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      type: 'custom.shout',
      versions: [1],
      custom: true,
      inputs: 1,
      outputs: 1,
    });
    const second = await c.post('/api/nodes/custom', { ...custom, description: 'v2' });
    expect(second.json.versions).toEqual([1, 2]);
    expect((await c.get('/api/nodes?search=shout')).json.data.map((d: { type: string }) => d.type)).toEqual([
      'custom.shout',
    ]);
    const syntax = await c.post('/api/nodes/custom', {
      ...custom,
      type: 'broken',
      code: 'return items.map((i) => ',
    });
    expect(syntax.status).toBe(400);
    expect(syntax.json.error.details[0].path).toBe('code');
    expect((await c.post('/api/nodes/custom', { ...custom, type: 'Bad-Name' })).status).toBe(400);
    const dupParams = await c.post('/api/nodes/custom', {
      ...custom,
      type: 'dup',
      parameters: [custom.parameters[0], custom.parameters[0]],
    });
    expect(dupParams.status).toBe(400);
    const other = new TestClient(api.url);
    await other.register('other-nodes@example.com');
    expect((await other.post('/api/nodes/custom', custom)).status).toBe(403);
  });

  it('imports an n8n export keeping unsupported nodes disabled, marked and reported', async () => {
    const res = await c.post('/api/workflows/import', {
      name: 'From n8n',
      nodes: [
        {
          id: 'a',
          name: 'Webhook',
          type: 'n8n-nodes-base.webhook',
          typeVersion: 2,
          position: [0, 0],
          parameters: {},
        },
        {
          id: 'b',
          name: 'Slack',
          type: 'n8n-nodes-base.slack',
          typeVersion: 2.2,
          position: [200, 0],
          parameters: { channel: 'x' },
        },
        { id: 'c', name: 'Shout', type: 'custom.shout', typeVersion: 2, position: [400, 0], parameters: {} },
      ],
      connections: { Webhook: { main: [[{ node: 'Slack', type: 'main', index: 0 }]] } },
    });
    expect(res.status).toBe(201);
    expect(res.json.report.unsupported).toEqual([
      expect.objectContaining({ nodeId: 'b', type: 'n8n-nodes-base.slack', reason: 'unknownType' }),
    ]);
    const slack = res.json.workflow.nodes.find((n: { id: string }) => n.id === 'b');
    expect(slack).toMatchObject({ disabled: true, parameters: { channel: 'x' } });
    expect(slack.unsupported.reason).toBe('unknownType');
    expect(res.json.workflow.connections.Webhook.main[0][0].node).toBe('Slack');
  });
});
