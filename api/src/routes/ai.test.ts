import { type FakeOpenAiServer, startFakeOpenAiServer } from '@tandem/worker/ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { attachExecutions } from '../execution-process.ts';
import { runtimeRegistry } from '../node-runtime.ts';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

const until = async (check: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
};

const flatWorkflow = {
  name: 'Failed orders',
  nodes: [
    { name: 'Webhook', type: 'webhook', parameters: { path: 'orders', httpMethod: 'POST' } },
    { name: 'Only failed', type: 'filter', parameters: {} },
    {
      name: 'Post to API',
      type: 'httpRequest',
      parameters: { method: 'POST', url: 'https://api.example.com' },
    },
  ],
  connections: [
    { from: 'Webhook', to: 'Only failed' },
    { from: 'Only failed', to: 'Post to API' },
  ],
};

const starter = {
  name: 'Orders',
  nodes: [
    {
      id: 'w',
      name: 'Webhook',
      type: 'webhook',
      typeVersion: 2,
      position: [0, 0],
      parameters: { path: 'orders', httpMethod: 'POST' },
    },
  ],
  connections: {},
};

describe('AI endpoints', () => {
  let api: TestApi;
  let fake: FakeOpenAiServer;
  let admin: TestClient;
  let viewer: TestClient;
  let stranger: TestClient;
  let wf: { id: string };
  let stopExecutions: () => Promise<void>;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    api = await startTestApi('sqlite');
    stopExecutions = await attachExecutions(api.runtime, {
      runWorker: false,
      nodeTypes: runtimeRegistry(api.runtime.deps),
    });
    admin = new TestClient(api.url);
    await admin.register('admin-ai@example.com');
    viewer = new TestClient(api.url);
    const viewerId = (await viewer.register('viewer-ai@example.com')).id;
    stranger = new TestClient(api.url);
    await stranger.register('stranger-ai@example.com');
    wf = (await admin.post('/api/workflows', starter)).json;
    await admin.put(`/api/workflows/${wf.id}/members`, { members: [{ userId: viewerId, role: 'viewer' }] });
  });
  afterAll(async () => {
    await stopExecutions?.();
    await api?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('suggests next nodes with no model configured (Tandem’s own recommender), within the caller’s rights', async () => {
    const res = await admin.post('/api/ai/suggest', { workflowId: wf.id, selectedNodeId: 'w' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toMatch(/"type"/);
    expect(fake.requests).toHaveLength(0);
    expect((await viewer.post('/api/ai/suggest', { workflowId: wf.id })).status).toBe(200);
    expect((await viewer.post('/api/ai/suggest', { workflowId: wf.id, placeInDocument: true })).status).toBe(
      403,
    );
    expect((await stranger.post('/api/ai/suggest', { workflowId: wf.id })).status).toBe(404);
  });

  it('learns from published workflows: a pairing this team uses becomes a suggestion', async () => {
    const pair = {
      name: 'Team habit',
      nodes: [
        {
          id: 'w',
          name: 'Webhook',
          type: 'webhook',
          typeVersion: 2,
          position: [0, 0],
          parameters: { path: 'habit', httpMethod: 'POST' },
        },
        { id: 'x', name: 'To XML', type: 'xml', typeVersion: 1, position: [200, 0], parameters: {} },
      ],
      connections: { Webhook: { main: [[{ node: 'To XML', type: 'main', index: 0 }]] } },
    };
    const typesSuggested = async () =>
      JSON.stringify(
        (await admin.post('/api/ai/suggest', { workflowId: wf.id, selectedNodeId: 'w' })).json,
      ).match(/"xml"/g)?.length ?? 0;
    const before = await typesSuggested();
    for (let i = 0; i < 25; i++) {
      const nodes = [
        { ...pair.nodes[0]!, parameters: { path: `habit-${i}`, httpMethod: 'POST' } },
        pair.nodes[1]!,
      ];
      const id = (await admin.post('/api/workflows', { ...pair, nodes, name: `Team habit ${i}` })).json.id;
      expect((await admin.post(`/api/workflows/${id}/publish`)).status).toBe(201);
    }
    await expect.poll(typesSuggested).toBeGreaterThan(before);
  });

  it('says clearly when no model is configured for natural language', async () => {
    const written = await admin.post('/api/ai/suggest', { workflowId: wf.id, request: 'email me a summary' });
    expect(written.status).toBe(503);
    expect(written.json.error.details.aiCode).toBe('ai_not_configured');
    const res = await admin.post('/api/ai/parse-natural-language', {
      text: 'when an order fails post it to our API',
    });
    expect(res.status).toBe(503);
    expect(res.json.error.details.aiCode).toBe('ai_not_configured');
  });

  it('turns text into a valid workflow through the instance-default credential, and records token usage', async () => {
    const cred = await admin.post('/api/credentials', {
      name: 'Fake AI',
      type: 'openAiApi',
      data: { apiKey: 'sk-test-123', url: fake.url },
    });
    expect((await admin.put('/api/settings', { aiCredentialId: cred.json.id })).status).toBe(200);
    fake.enqueue({ json: flatWorkflow });
    const res = await admin.post('/api/ai/parse-natural-language', {
      text: 'when an order fails post it to our API',
    });
    expect(res.status).toBe(200);
    expect(res.json.workflow.nodes.map((n: { type: string }) => n.type)).toEqual([
      'webhook',
      'filter',
      'httpRequest',
    ]);
    expect(res.json.report.valid).toBe(true);
    expect(fake.requests[0]!.authorization).toBe('Bearer sk-test-123');
    const me = (await admin.get('/api/users/me')).json;
    expect(await api.runtime.storage.ai.tokensSince(me.id, 0)).toBeGreaterThan(0);
    expect(JSON.stringify(res.json)).not.toContain('sk-test-123');
  });

  it('refuses an admin setting that is not an OpenAI credential', async () => {
    const other = await admin.post('/api/credentials', {
      name: 'Bearer',
      type: 'httpBearerAuth',
      data: { token: 't' },
    });
    expect((await admin.put('/api/settings', { aiCredentialId: other.json.id })).status).toBe(400);
  });

  it('gives a clear error when the model keeps answering garbage, and an SVG icon comes back sanitised', async () => {
    fake.setHandler(() => ({ text: '{"name": "broken", "nodes": [' }));
    const bad = await admin.post('/api/ai/parse-natural-language', { text: 'make me something' });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.aiCode).toBe('ai_bad_output');
    fake.reset();
    fake.enqueue({
      json: {
        svg: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script><circle r="4"/></svg>',
      },
    });
    const icon = await admin.post('/api/ai/generate-content', {
      request: { kind: 'svgIcon', subject: 'a bell' },
    });
    expect(icon.status).toBe(200);
    expect(icon.json.svg).toContain('<circle');
    expect(icon.json.svg).not.toMatch(/script|onload/);
  });

  it('enforces the daily token quota with 429', async () => {
    // As if started with AI_DAILY_TOKENS=1: the calls above already spent more.
    const { ai } = api.runtime.deps.config;
    const quota = ai.dailyTokens;
    ai.dailyTokens = 1;
    try {
      const res = await admin.post('/api/ai/parse-natural-language', { text: 'anything' });
      expect(res.status).toBe(429);
      expect(res.json.error.details.aiCode).toBe('quota_exceeded');
    } finally {
      ai.dailyTokens = quota;
    }
  });

  it('places suggestions into the open document through the AI co-author peer, visible to an editor', async () => {
    fake.setHandler(() => ({ status: 500, message: 'model down' }));
    const { token } = (await admin.post(`/api/workflows/${wf.id}/collab-token`)).json;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${api.url.replace('http', 'ws')}/collab`, wf.id, doc, {
      WebSocketPolyfill: WebSocket as never,
      params: { token },
      disableBc: true,
    });
    try {
      await until(() => provider.synced);
      const seenAi = new Set<string>();
      provider.awareness.on('change', () => {
        for (const s of provider.awareness.getStates().values())
          if ((s as { user?: { name?: string } }).user?.name)
            seenAi.add((s as { user: { name: string } }).user.name);
      });
      const res = await admin.post('/api/ai/suggest', {
        workflowId: wf.id,
        selectedNodeId: 'w',
        placeInDocument: true,
      });
      expect(res.status).toBe(200);
      // The model is down: Tandem's own suggestions still arrive, and the answer says why no model ones came.
      expect(res.json.llmError.code).toBeTruthy();
      await until(() => doc.getMap('suggestions').size > 0);
      expect(seenAi.has('AI co-author')).toBe(true);
      // Suggestions only: the workflow's nodes are unchanged until someone accepts.
      expect(doc.getMap('nodes').size).toBe(1);
    } finally {
      provider.destroy();
    }
  });
});
