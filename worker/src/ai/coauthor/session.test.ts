import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CollabServer,
  createCollabServer,
  createMemoryDocumentStore,
  type Role,
} from '@tandem/collab-server';
import { applyOps, docParts, docToWorkflow, type Suggestion } from '@tandem/shared/doc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createAiProvider } from '../provider/client.ts';
import { resolveAiConfig } from '../provider/config.ts';
import { loadStarterCorpus } from '../recommender/corpus/index.ts';
import { NextNodeRecommender } from '../recommender/recommender.ts';
import { startFakeOpenAiServer } from '../testing/fake-openai-server.ts';
import { nodeCatalogue } from '../workflow/node-catalogue.ts';
import { suggestNextSteps } from './coauthor.ts';
import { COAUTHOR_NAME, type CoauthorSession, joinAsCoauthor } from './session.ts';
import { runCoauthorTurn, watchesFailures } from './turn.ts';

const users = new Map([
  ['tok-alice', { userId: 'alice', name: 'Alice' }],
  ['tok-bob', { userId: 'bob', name: 'Bob' }],
  ['tok-vera', { userId: 'vera', name: 'Vera' }],
  ['tok-ai', { userId: 'ai:coauthor', name: COAUTHOR_NAME }],
]);
const roles = new Map<string, Role>([
  ['alice', 'editor'],
  ['bob', 'editor'],
  ['vera', 'viewer'],
  ['ai:coauthor', 'editor'],
]);

let http: Server;
let collab: CollabServer;
let url: string;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
  collab = createCollabServer({
    store: createMemoryDocumentStore(),
    authenticate: async (req) =>
      users.get(new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '') ?? null,
    authorize: async (userId) => roles.get(userId) ?? null,
    limits: { presenceIntervalMs: 20 },
  });
  http = createServer((_q, r) => r.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => void collab.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/collab`;
});

afterAll(async () => {
  for (const c of cleanup) c();
  await collab.close();
  http.closeAllConnections();
  await new Promise<void>((r) => http.close(() => r()));
});

function human(token: string, room: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { token },
    disableBc: true,
    maxBackoffTime: 300,
  });
  cleanup.push(() => provider.destroy());
  return { doc, provider };
}

async function until<T>(fn: () => T, what: string, timeoutMs = 5_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const pending = (doc: Y.Doc) =>
  ([...docParts(doc).suggestions.values()] as Suggestion[]).filter((s) => s.status === 'pending');

describe('AI co-author peer over the collab protocol', () => {
  it('joins with its own presence, writes ghost suggestions everyone sees; an editor accepts, undo works, a viewer cannot accept', async () => {
    const room = 'wf-coauthor-e2e';
    const alice = human('tok-alice', room);
    const bob = human('tok-bob', room);
    const vera = human('tok-vera', room);
    await until(() => alice.provider.synced && bob.provider.synced && vera.provider.synced, 'humans synced');
    applyOps(
      alice.doc,
      [
        {
          op: 'addNode',
          node: {
            id: 'wh',
            name: 'Webhook',
            type: 'webhook',
            typeVersion: 1,
            position: [0, 0],
            parameters: { path: 'orders' },
          },
        },
        {
          op: 'addNode',
          node: {
            id: 'db',
            name: 'MySQL',
            type: 'mySql',
            typeVersion: 1,
            position: [240, 0],
            parameters: {},
          },
        },
        { op: 'connect', edge: { source: 'wh', target: 'db' } },
      ],
      { actor: { userId: 'alice' } },
    );

    const session: CoauthorSession = await joinAsCoauthor({ url, workflowId: room, token: 'tok-ai' });
    cleanup.push(() => session.close());
    expect(docToWorkflow(session.doc).nodes.map((n) => n.name)).toEqual(['Webhook', 'MySQL']);
    const aiPresence = () =>
      [...bob.provider.awareness.getStates().values()].find(
        (s) => (s.user as { name?: string } | undefined)?.name === COAUTHOR_NAME,
      );
    await until(() => aiPresence()?.status === 'idle', 'co-author presence');
    expect(aiPresence()?.user).toMatchObject({ id: 'ai:coauthor', color: expect.any(String) });

    const recommender = NextNodeRecommender.fromWorkflows(loadStarterCorpus());
    const res = await suggestNextSteps({
      doc: session.doc,
      recommender,
      catalogue: nodeCatalogue(),
      selectedNodeId: 'db',
      session,
    });
    expect(res.suggestions.length).toBeGreaterThan(0);
    await until(
      () =>
        pending(alice.doc).length === res.suggestions.length &&
        pending(bob.doc).length === res.suggestions.length,
      'ghosts everywhere',
    );
    expect(docToWorkflow(bob.doc).nodes).toHaveLength(2);
    await until(() => aiPresence()?.cursor, 'co-author cursor');

    // The viewer's accept is refused by the server: nobody else sees it.
    const target = pending(bob.doc)[0];
    applyOps(vera.doc, [{ op: 'acceptSuggestion', suggestionId: target.id }], { actor: { userId: 'vera' } });
    // Vera's presence update is sent after her refused edit on the same socket; once Alice sees it, the edit was handled.
    vera.provider.awareness.setLocalStateField('cursor', { x: 42, y: 42 });
    await until(
      () =>
        [...alice.provider.awareness.getStates().values()].some(
          (s) => (s.cursor as { x?: number } | undefined)?.x === 42,
        ),
      'vera presence',
    );
    expect(pending(alice.doc).map((s) => s.id)).toContain(target.id);
    expect(docToWorkflow(alice.doc).nodes).toHaveLength(2);
    // Bob accepts: one transaction, attributed, seen by everyone including the co-author.
    const undo = new Y.UndoManager([...Object.values(docParts(bob.doc))], {
      trackedOrigins: new Set(['bob-origin']),
    });
    applyOps(bob.doc, [{ op: 'acceptSuggestion', suggestionId: target.id }], {
      actor: { userId: 'bob' },
      origin: 'bob-origin',
    });
    await until(
      () => docToWorkflow(alice.doc).nodes.length === 3 && docToWorkflow(session.doc).nodes.length === 3,
      'accepted everywhere',
    );
    const accepted = (docParts(alice.doc).suggestions.get(target.id) as Suggestion).decidedBy;
    expect(accepted?.userId).toBe('bob');
    const added = docToWorkflow(alice.doc).nodes.find((n) => n.id !== 'wh' && n.id !== 'db');
    expect(docToWorkflow(alice.doc).connections.MySQL.main[0]?.[0].node).toBe(added?.name);

    undo.undo();
    await until(() => docToWorkflow(alice.doc).nodes.length === 2, 'undo reaches alice');
    expect((docParts(alice.doc).suggestions.get(target.id) as Suggestion).status).toBe('pending');

    // An "Ask AI" turn with a slow model: everyone sees the co-author thinking, then its validated suggestion.
    const fake = await startFakeOpenAiServer();
    cleanup.push(() => void fake.close());
    fake.enqueue({
      delayMs: 300,
      reply: {
        json: {
          suggestions: [
            {
              rationale: 'Confirm to the caller',
              ops: [{ op: 'addNode', name: 'Reply', type: 'respondToWebhook', after: 'MySQL' }],
            },
          ],
        },
      },
    });
    const ai = createAiProvider(resolveAiConfig({ credential: { apiKey: 'k', url: fake.url }, env: {} }));
    const asked = suggestNextSteps({
      doc: session.doc,
      recommender,
      catalogue: nodeCatalogue(),
      ai,
      request: 'answer the caller',
      session,
    });
    await until(() => aiPresence()?.status === 'thinking…', 'thinking status');
    const answer = await asked;
    expect(answer.suggestions.map((s) => s.rationale)).toEqual(['Confirm to the caller']);
    await until(
      () => pending(alice.doc).some((s) => s.rationale === 'Confirm to the caller'),
      'LLM ghost at alice',
    );
    await until(() => aiPresence()?.status === 'idle', 'idle status');
  });

  it('a co-author turn (worker job) posts a failure fix and leaves', async () => {
    const room = 'wf-coauthor-turn';
    const alice = human('tok-alice', room);
    await until(() => alice.provider.synced, 'alice synced');
    applyOps(
      alice.doc,
      [
        {
          op: 'addNode',
          node: {
            id: 't',
            name: 'Every hour',
            type: 'scheduleTrigger',
            typeVersion: 1,
            position: [0, 0],
            parameters: {},
          },
        },
        {
          op: 'addNode',
          node: {
            id: 'h',
            name: 'Fetch',
            type: 'httpRequest',
            typeVersion: 1,
            position: [240, 0],
            parameters: { url: 'https://x' },
          },
        },
        { op: 'connect', edge: { source: 't', target: 'h' } },
      ],
      { actor: { userId: 'alice' } },
    );
    const recommender = NextNodeRecommender.fromWorkflows(loadStarterCorpus());
    const result = await runCoauthorTurn({
      url,
      workflowId: room,
      token: 'tok-ai',
      recommender,
      catalogue: nodeCatalogue(),
      failure: { node: 'Fetch', message: 'connect ETIMEDOUT 10.0.0.1:443' },
    });
    expect(result.suggestions).toHaveLength(1);
    await until(() => pending(alice.doc).length === 1, 'fix suggestion at alice');
    expect(pending(alice.doc)[0].rationale).toMatch(/temporary error/);
    await until(
      () =>
        ![...alice.provider.awareness.getStates().values()].some(
          (s) => (s.user as { name?: string } | undefined)?.name === COAUTHOR_NAME,
        ),
      'co-author left',
    );
    expect(watchesFailures({ settings: { failureWatcher: true } })).toBe(true);
    expect(watchesFailures({ settings: {} })).toBe(false);
  });

  it('fails clearly when the collab server refuses the token', async () => {
    const started = Date.now();
    await expect(
      joinAsCoauthor({ url, workflowId: 'wf-x', token: 'forged', timeoutMs: 10_000 }),
    ).rejects.toThrow(/refused/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
