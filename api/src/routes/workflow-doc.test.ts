import { docToWorkflow } from '@tandem/shared/doc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BACKENDS } from '../storage/test-databases.ts';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const node = (id: string, name: string, x: number) => ({
  id,
  name,
  type: 'noOp',
  typeVersion: 1,
  position: [x, 0],
  parameters: {},
});

/** GET /api/workflows/{id}/doc as bytes. */
async function getDoc(api: TestApi, client: TestClient | null, id: string) {
  const res = await fetch(`${api.url}/api/workflows/${id}/doc`, {
    headers: client?.cookie ? { cookie: client.cookie } : {},
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

/** The document as a live /collab socket (a signed token of `client`) sees it once synced. */
async function collabDoc(api: TestApi, client: TestClient, id: string): Promise<Y.Doc> {
  const { token } = (await client.post(`/api/workflows/${id}/collab-token`)).json;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${api.url.replace('http', 'ws')}/collab`, id, doc, {
    params: { token },
    disableBc: true,
  });
  try {
    await until(() => provider.synced);
  } finally {
    provider.destroy();
  }
  return doc;
}

describe.each(BACKENDS)('GET /api/workflows/{id}/doc on %s', (dialect) => {
  let api: TestApi;
  let owner: TestClient;
  let editor: TestClient;
  let viewer: TestClient;
  let stranger: TestClient;
  let wf: { id: string };
  beforeAll(async () => {
    api = await startTestApi(dialect);
    owner = new TestClient(api.url);
    await owner.register('owner@example.com');
    editor = new TestClient(api.url);
    const editorId = (await editor.register('editor@example.com')).id;
    viewer = new TestClient(api.url);
    const viewerId = (await viewer.register('viewer@example.com')).id;
    stranger = new TestClient(api.url);
    await stranger.register('stranger@example.com');
    wf = (await owner.post('/api/workflows', { name: 'Doc', nodes: [node('n1', 'Start', 0)] })).json;
    await owner.put(`/api/workflows/${wf.id}/members`, {
      members: [
        { userId: editorId, role: 'editor' },
        { userId: viewerId, role: 'viewer' },
      ],
    });
  });
  afterAll(() => api?.close());

  it('answers the collab document as one binary update, including edits made since creation', async () => {
    const next = (await owner.get(`/api/workflows/${wf.id}`)).json;
    next.nodes.push(node('n2', 'Later', 300));
    expect((await owner.put(`/api/workflows/${wf.id}`, next)).status).toBe(200);
    const res = await getDoc(api, owner, wf.id);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/octet-stream');
    const fromHttp = new Y.Doc();
    Y.applyUpdate(fromHttp, res.bytes);
    const live = await collabDoc(api, owner, wf.id);
    expect(docToWorkflow(fromHttp)).toEqual(docToWorkflow(live));
    expect(
      docToWorkflow(fromHttp)
        .nodes.map((n) => n.name)
        .sort(),
    ).toEqual(['Later', 'Start']);
    // Same CRDT state, not just the same JSON: the socket then has nothing left to send.
    expect(Y.encodeStateVector(fromHttp)).toEqual(Y.encodeStateVector(live));
  });

  it('lets in exactly who may open the collab socket', async () => {
    expect((await getDoc(api, editor, wf.id)).status).toBe(200);
    expect((await getDoc(api, viewer, wf.id)).status).toBe(200);
    expect((await getDoc(api, stranger, wf.id)).status).toBe(404);
    expect((await getDoc(api, null, wf.id)).status).toBe(401);
    expect((await getDoc(api, owner, 'no-such-workflow')).status).toBe(404);
  });

  it('refuses an archived workflow, as the socket does', async () => {
    const archived = (await owner.post('/api/workflows', { name: 'Old', nodes: [node('n1', 'Start', 0)] }))
      .json;
    expect((await owner.delete(`/api/workflows/${archived.id}`)).status).toBe(200);
    expect((await getDoc(api, owner, archived.id)).status).toBe(404);
  });
});
