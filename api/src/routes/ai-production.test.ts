import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@tandem/worker/ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { freshDatabase, type TestDatabase } from '../storage/test-databases.ts';
import { TestClient } from '../test-support/harness.ts';
import { portOf, spawnTandem, type TandemProcess } from '../test-support/processes.ts';

const until = async (check: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
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
      parameters: { path: 'orders-prod-ai', httpMethod: 'POST' },
    },
  ],
  connections: {},
};

const emailSuggestion = {
  json: {
    suggestions: [
      {
        rationale: 'Email the summary',
        ops: [
          {
            op: 'addNode',
            name: 'Email me',
            type: 'emailSend',
            after: 'Webhook',
            parameters: { subject: 'Orders' },
          },
        ],
      },
    ],
  },
};

type Suggestion = { author?: { userId?: string }; rationale?: string; fixes?: { node: string } };

/**
 * Production mode end to end: the api enqueues `ai.coauthor` jobs, a separate worker process takes them, joins the
 * document on a separate collab process with its own token, and the suggestions reach an editor connected to the api.
 */
describe('AI co-author as a worker job (production: MariaDB + Redis + api, collab and worker processes)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let fake: FakeOpenAiServer;
  let api: TandemProcess;
  let collab: TandemProcess;
  let worker: TandemProcess | undefined;
  let env: Record<string, string>;
  let alice: TestClient;
  let wfId: string;
  let editor: { doc: Y.Doc; provider: WebsocketProvider };

  const startWorker = async () =>
    spawnTandem(
      'worker',
      { ...env, COLLAB_URL: `ws://127.0.0.1:${portOf(collab)}/collab`, LOG_LEVEL: 'debug' },
      /worker is up/,
    );
  const suggestions = () => [...editor.doc.getMap('suggestions').values()] as Suggestion[];

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    db = await freshDatabase('mysql');
    dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-prod-ai-'));
    env = {
      DATABASE_URL: (db.target as { url: string }).url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      ENCRYPTION_KEY: 'cd'.repeat(32),
      DATA_DIR: dataDir,
      PORT: '0',
      REDIS_PREFIX: `t-ai-${Date.now().toString(36)}`,
      OPENAI_API_KEY: 'sk-test-prod',
      OPENAI_BASE_URL: fake.url,
      AI_JOB_TIMEOUT_MS: '4000',
    };
    api = await spawnTandem('api', env, /Tandem is up/);
    collab = await spawnTandem('collab', env, /collab-server is up/);
    worker = await startWorker();
    alice = new TestClient(`http://127.0.0.1:${portOf(api)}`);
    await alice.register('alice-prod-ai@example.com');
    wfId = (await alice.post('/api/workflows', starter)).json.id;
    const { token } = (await alice.post(`/api/workflows/${wfId}/collab-token`)).json;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${portOf(api)}/collab`, wfId, doc, {
      WebSocketPolyfill: WebSocket as never,
      params: { token },
      disableBc: true,
    });
    editor = { doc, provider };
    await until(() => provider.synced);
  }, 90_000);
  afterAll(async () => {
    editor?.provider.destroy();
    await worker?.kill();
    await api?.kill();
    await collab?.kill();
    await fake?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('"Ask AI" runs on the worker: the model is asked from there and the suggestion reaches the editor on the api', async () => {
    fake.enqueue(emailSuggestion);
    const res = await alice.post('/api/ai/suggest', {
      workflowId: wfId,
      selectedNodeId: 'w',
      request: 'email me a summary of every order',
      placeInDocument: true,
    });
    expect(res.status).toBe(200);
    expect(res.json.suggestions.map((s: { source: string }) => s.source)).toContain('llm');
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests[0]!.authorization).toBe('Bearer sk-test-prod');
    await until(() => suggestions().some((s) => s.rationale === 'Email the summary'));
    expect(suggestions().every((s) => s.author?.userId === 'ai:coauthor')).toBe(true);
    // Suggestions only: the editor's nodes are unchanged until someone accepts.
    expect(editor.doc.getMap('nodes').size).toBe(1);
    await until(() => /co-author job done/.test(worker!.output()));
  });

  it('the failure watcher queues a job: its fix shows up in the document and on the dashboard list', async () => {
    fake.setHandler(() => ({ json: { suggestions: [] } }));
    const wf = (
      await alice.post('/api/workflows', {
        name: 'Flaky partner',
        nodes: [
          { id: 's', name: 'Start', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
          {
            id: 'f',
            name: 'Call partner',
            type: 'stopAndError',
            typeVersion: 1,
            position: [200, 0],
            parameters: { errorMessage: 'partner API answered 503: temporarily unavailable' },
          },
        ],
        connections: { Start: { main: [[{ node: 'Call partner', type: 'main', index: 0 }]] } },
        settings: { executionOrder: 'v1', failureWatcher: true },
      })
    ).json;
    expect((await alice.post(`/api/workflows/${wf.id}/publish`)).status).toBe(201);
    expect((await alice.post(`/api/workflows/${wf.id}/execute`, { wait: 20 })).json.status).toBe('failed');
    await expect
      .poll(async () => (await alice.get('/api/ai/suggestions')).json.data as { workflowId: string }[], {
        timeout: 15_000,
      })
      .toContainEqual(
        expect.objectContaining({
          workflowId: wf.id,
          workflowName: 'Flaky partner',
          byAi: true,
          fixes: expect.objectContaining({ node: 'Call partner' }),
        }),
      );
    fake.setHandler(undefined);
  });

  it('with the worker gone, the api answers with a clear error instead of hanging', async () => {
    // Killed in the middle of a job: the api gives up after AI_JOB_TIMEOUT_MS.
    fake.setHandler(() => ({ delayMs: 20_000, reply: emailSuggestion }));
    const asked = fake.requests.length;
    const started = Date.now();
    const pending = alice.post('/api/ai/suggest', {
      workflowId: wfId,
      request: 'email me a summary',
      placeInDocument: true,
    });
    await until(() => fake.requests.length > asked);
    await worker!.kill('SIGKILL');
    worker = undefined;
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.json.error.details.aiCode).toBe('ai_worker_unavailable');
    expect(res.json.error.message).toMatch(/within 4 s/);
    expect(Date.now() - started).toBeLessThan(12_000);
    // No worker at all: refused at once.
    const t0 = Date.now();
    const none = await alice.post('/api/ai/suggest', {
      workflowId: wfId,
      selectedNodeId: 'w',
      placeInDocument: true,
    });
    expect(none.status).toBe(503);
    expect(none.json.error.message).toMatch(/No worker is running/);
    expect(Date.now() - t0).toBeLessThan(3_000);
    fake.setHandler(undefined);
  });
});
