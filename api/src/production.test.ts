import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { freshDatabase, type TestDatabase } from './storage/test-databases.ts';
import { TestClient } from './test-support/harness.ts';
import { portOf, spawnTandem, type TandemProcess } from './test-support/processes.ts';

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('production mode: separate api and collab processes on MariaDB + Redis', () => {
  let db: TestDatabase;
  let dataDir: string;
  let api: TandemProcess;
  let collab: TandemProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await freshDatabase('mysql');
    dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-prod-'));
    env = {
      DATABASE_URL: (db.target as { url: string }).url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      ENCRYPTION_KEY: 'ab'.repeat(32),
      DATA_DIR: dataDir,
      PORT: '0',
      REDIS_PREFIX: `t-${Date.now().toString(36)}`,
    };
    api = await spawnTandem('api', env, /Tandem is up/);
    collab = await spawnTandem('collab', env, /collab-server is up/);
  });
  afterAll(async () => {
    await api?.kill();
    await collab?.kill();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health as production mode, and refuses to start a production process without MySQL/Redis', async () => {
    const c = new TestClient(`http://127.0.0.1:${portOf(api)}`);
    expect((await c.get('/api/health')).json.mode).toBe('production');
    await expect(spawnTandem('worker', { DATA_DIR: dataDir }, /never/)).rejects.toThrow(
      /production-mode process/,
    );
  });

  it('carries edits between a client on the collab process and a client on the api process, and REST edits to both', async () => {
    const base = `http://127.0.0.1:${portOf(api)}`;
    const alice = new TestClient(base);
    await alice.register('alice@example.com');
    const wf = (await alice.post('/api/workflows', { name: 'Prod' })).json;
    const token = async () => (await alice.post(`/api/workflows/${wf.id}/collab-token`)).json.token as string;
    const open = async (url: string) => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(url, wf.id, doc, {
        WebSocketPolyfill: WebSocket as never,
        params: { token: await token() },
        disableBc: true,
      });
      await until(() => provider.synced);
      return { doc, provider };
    };
    const onCollab = await open(`ws://127.0.0.1:${portOf(collab)}/collab`);
    const onApi = await open(`ws://127.0.0.1:${portOf(api)}/collab`);
    try {
      onCollab.doc.getMap('meta').set('description', 'typed on the collab process');
      await until(() => onApi.doc.getMap('meta').get('description') === 'typed on the collab process');
      const draft = (await alice.get(`/api/workflows/${wf.id}`)).json;
      draft.nodes.push({
        id: 'n1',
        name: 'Added by REST',
        type: 'noOp',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      });
      expect((await alice.put(`/api/workflows/${wf.id}`, draft)).status).toBe(200);
      await until(() => onCollab.doc.getMap('nodes').size === 1 && onApi.doc.getMap('nodes').size === 1);
    } finally {
      onCollab.provider.destroy();
      onApi.provider.destroy();
    }
  });
});
