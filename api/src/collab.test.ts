import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BACKENDS } from './storage/test-databases.ts';
import { startTestApi, type TestApi, TestClient } from './test-support/harness.ts';

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** A stock y-websocket provider in Node; `headers` go on the handshake (cookie, origin). */
function connect(
  api: TestApi,
  workflowId: string,
  opts: { token?: string; headers?: Record<string, string> } = {},
) {
  const headers = opts.headers ?? {};
  class HeaderSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${api.url.replace('http', 'ws')}/collab`, workflowId, doc, {
    WebSocketPolyfill: HeaderSocket as never,
    params: opts.token ? { token: opts.token } : {},
    disableBc: true,
  });
  let closedWith: number | null = null;
  provider.on('connection-close', (e: CloseEvent | null) => {
    closedWith ??= e?.code ?? -1;
  });
  return { doc, provider, closedWith: () => closedWith, stop: () => provider.destroy() };
}

describe.each(BACKENDS)('collaboration through the api on %s', (dialect) => {
  let api: TestApi;
  let alice: TestClient;
  let bob: TestClient;
  let bobId: string;
  let wf: { id: string };
  beforeAll(async () => {
    api = await startTestApi(dialect);
    alice = new TestClient(api.url);
    await alice.register('alice@example.com');
    bob = new TestClient(api.url);
    bobId = (await bob.register('bob@example.com')).id;
    wf = (
      await alice.post('/api/workflows', {
        name: 'Live',
        nodes: [
          {
            id: 'n1',
            name: 'Start',
            type: 'manualTrigger',
            typeVersion: 1,
            position: [0, 0],
            parameters: {},
          },
        ],
      })
    ).json;
  });
  afterAll(() => api?.close());

  it('lets a token holder sync the draft, and a REST PUT reaches the open editor at once', async () => {
    const { token } = (await alice.post(`/api/workflows/${wf.id}/collab-token`)).json;
    const a = connect(api, wf.id, { token });
    try {
      await until(() => a.provider.synced);
      expect(a.doc.getMap('nodes').size).toBe(1);
      const next = (await alice.get(`/api/workflows/${wf.id}`)).json;
      next.nodes.push({
        id: 'n2',
        name: 'Later',
        type: 'noOp',
        typeVersion: 1,
        position: [200, 0],
        parameters: {},
      });
      expect((await alice.put(`/api/workflows/${wf.id}`, next)).status).toBe(200);
      await until(() => a.doc.getMap('nodes').size === 2);
    } finally {
      a.stop();
    }
  });

  it('lists the document activity by person, newest first, only to members', async () => {
    const feed = await alice.get(`/api/workflows/${wf.id}/activity?limit=50`);
    expect(feed.status).toBe(200);
    expect(feed.json.data.length).toBeGreaterThanOrEqual(2);
    expect(feed.json.data[0].seq).toBeGreaterThan(feed.json.data[1].seq);
    expect(feed.json.data.every((e: { name: string }) => e.name === 'alice')).toBe(true);
    const page = await alice.get(`/api/workflows/${wf.id}/activity?limit=1&before=${feed.json.data[0].seq}`);
    expect(page.json.data[0].seq).toBe(feed.json.data[1].seq);
    expect((await bob.get(`/api/workflows/${wf.id}/activity`)).status).toBe(404);
  });

  it('reads back edits made over the socket through REST', async () => {
    const { token } = (await alice.post(`/api/workflows/${wf.id}/collab-token`)).json;
    const a = connect(api, wf.id, { token });
    try {
      await until(() => a.provider.synced);
      a.doc.getMap('meta').set('name', 'Renamed live');
      await until(() => false, 300).catch(() => {});
      const got = await alice.get(`/api/workflows/${wf.id}`);
      expect(got.json.name).toBe('Renamed live');
    } finally {
      a.stop();
    }
  });

  it('accepts the session cookie from the same origin only', async () => {
    const origin = api.url;
    const same = connect(api, wf.id, { headers: { cookie: alice.cookie, origin } });
    try {
      await until(() => same.provider.synced);
    } finally {
      same.stop();
    }
    const cross = connect(api, wf.id, { headers: { cookie: alice.cookie, origin: 'https://evil.example' } });
    try {
      await until(() => cross.closedWith() !== null);
      expect(cross.provider.synced).toBe(false);
      expect(cross.doc.getMap('nodes').size).toBe(0);
    } finally {
      cross.stop();
    }
  });

  it('refuses strangers and forged tokens at the upgrade; sharing lets them in', async () => {
    expect((await bob.post(`/api/workflows/${wf.id}/collab-token`)).status).toBe(404);
    const { token } = (await alice.post(`/api/workflows/${wf.id}/collab-token`)).json;
    const forged = connect(api, wf.id, { token: `${token.slice(0, -2)}xx` });
    const noAuth = connect(api, wf.id);
    const stranger = connect(api, wf.id, { headers: { cookie: bob.cookie, origin: api.url } });
    try {
      for (const c of [forged, noAuth, stranger]) {
        await until(() => c.closedWith() !== null);
        expect(c.doc.getMap('nodes').size).toBe(0);
      }
    } finally {
      for (const c of [forged, noAuth, stranger]) c.stop();
    }
    await alice.put(`/api/workflows/${wf.id}/members`, { members: [{ userId: bobId, role: 'viewer' }] });
    const viewer = connect(api, wf.id, {
      token: (await bob.post(`/api/workflows/${wf.id}/collab-token`)).json.token,
    });
    try {
      await until(() => viewer.provider.synced);
      viewer.doc.getMap('meta').set('name', 'Viewer was here');
      await new Promise((r) => setTimeout(r, 300));
      expect((await alice.get(`/api/workflows/${wf.id}`)).json.name).not.toBe('Viewer was here');
    } finally {
      viewer.stop();
    }
  });

  it('closes a cookie-authenticated socket within seconds of signing out', async () => {
    const c = new TestClient(api.url);
    await c.post('/api/auth/login', { email: 'alice@example.com', password: 'correct horse battery' });
    const socket = connect(api, wf.id, { headers: { cookie: c.cookie, origin: api.url } });
    try {
      await until(() => socket.provider.synced);
      await c.post('/api/auth/logout');
      await until(() => socket.closedWith() !== null, 8000);
      expect(socket.closedWith()).toBe(4403);
    } finally {
      socket.stop();
    }
  });

  it('refuses a token minted for another workflow', async () => {
    const other = (await alice.post('/api/workflows', { name: 'Other' })).json;
    const { token } = (await alice.post(`/api/workflows/${other.id}/collab-token`)).json;
    const c = connect(api, wf.id, { token });
    try {
      await until(() => c.closedWith() !== null);
      expect(c.doc.getMap('nodes').size).toBe(0);
    } finally {
      c.stop();
    }
  });
});
