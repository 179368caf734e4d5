import { applyOps, docToWorkflow, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MSG, TANDEM } from './protocol.ts';
import { createMemoryDocumentStore } from './store.ts';
import {
  type Acl,
  connectClient,
  type Instance,
  makeAcl,
  rawSocket,
  startInstance,
  until,
} from './test-harness.test-util.ts';

const DOC = 'wf1';
let acl: Acl;
let store: ReturnType<typeof createMemoryDocumentStore>;
let server: Instance;
const cleanups: (() => void)[] = [];

function client(token: string, doc?: Y.Doc) {
  const c = connectClient(server.url, DOC, token, doc);
  cleanups.push(() => c.provider.destroy());
  return c;
}

beforeEach(async () => {
  acl = makeAcl();
  for (const [token, user, role] of [
    ['t-ada', 'ada', 'owner'],
    ['t-bob', 'bob', 'editor'],
    ['t-vic', 'vic', 'viewer'],
    ['t-eve', 'eve', null],
  ] as const) {
    acl.users.set(token, user);
    if (role) acl.roles.set(`${user}:${DOC}`, role);
  }
  store = createMemoryDocumentStore();
  server = await startInstance(store, acl);
});

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await server.stop();
});

function tandemMessages(messages: Uint8Array[]) {
  return messages
    .map((m) => {
      const d = decoding.createDecoder(m);
      if (decoding.readVarUint(d) !== MSG.auth) return null;
      const sub = decoding.readVarUint(d);
      if (sub === TANDEM.durable) return { durable: decoding.readVarUint(d) };
      if (sub === TANDEM.refused) return { refused: decoding.readVarString(d) };
      return null;
    })
    .filter((x) => x !== null);
}

describe('collab-server with stock y-websocket clients', () => {
  it('syncs two editors both ways and stores every update before it reaches the peer', async () => {
    const a = client('t-ada');
    const b = client('t-bob');
    await until(() => a.provider.synced && b.provider.synced, 5000, 'sync');
    const checks: Promise<void>[] = [];
    b.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin !== b.provider) return;
      // durability before broadcast: whatever b received from the server is already in the store
      const seen = b.doc.getText('t').toString();
      checks.push(
        store.loadDocument(DOC).then((l) => {
          const stored = new Y.Doc();
          for (const u of l.updates) Y.applyUpdate(stored, u.update);
          expect(stored.getText('t').toString().startsWith(seen)).toBe(true);
        }),
      );
    });
    a.doc.getText('t').insert(0, 'hello');
    await until(() => b.doc.getText('t').toString() === 'hello');
    b.doc.getText('t').insert(5, ' world');
    await until(() => a.doc.getText('t').toString() === 'hello world');
    await Promise.all(checks);
    expect(checks.length).toBeGreaterThan(0);
    const loaded = await store.loadDocument(DOC);
    expect(loaded.updates.length).toBeGreaterThanOrEqual(2);
    const activity = await store.listActivity(DOC);
    expect(new Set(activity.map((x) => x.userId))).toEqual(new Set(['ada', 'bob']));
  });

  it('acknowledges durability with a Tandem message that a stock client ignores', async () => {
    const r = await rawSocket(`${server.url}/${DOC}?token=t-ada`);
    if (!('ws' in r)) throw new Error('refused');
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MSG.sync);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
    r.ws.send(encoding.toUint8Array(e));
    await until(() => tandemMessages(r.messages).some((m) => 'durable' in m && m.durable === 1));
    expect((await store.loadDocument(DOC)).updates).toHaveLength(1);
    r.ws.close();
  });

  it('viewer receives the doc and presence but its writes are refused and never stored', async () => {
    const a = client('t-ada');
    a.doc.getText('t').insert(0, 'owner text');
    await until(async () => (await store.loadDocument(DOC)).updates.length === 1);
    const v = client('t-vic');
    await until(() => v.doc.getText('t').toString() === 'owner text');
    v.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await until(() => [...a.provider.awareness.getStates().values()].some((s) => s.cursor?.x === 1));
    const r = await rawSocket(`${server.url}/${DOC}?token=t-vic`);
    if (!('ws' in r)) throw new Error('refused');
    const e = encoding.createEncoder();
    const evil = new Y.Doc();
    evil.getText('t').insert(0, 'vandal');
    encoding.writeVarUint(e, MSG.sync);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(evil));
    r.ws.send(encoding.toUint8Array(e));
    v.doc.getText('t').insert(0, 'also vandal ');
    await until(() => tandemMessages(r.messages).some((m) => 'refused' in m && m.refused === 'read-only'));
    await until(() => (server.collab.stats().refused ?? 0) >= 2);
    expect(a.doc.getText('t').toString()).toBe('owner text');
    expect((await store.loadDocument(DOC)).updates).toHaveLength(1);
    r.ws.close();
  });

  it('refuses no token, a bad token and strangers at the upgrade, with no document data', async () => {
    expect(await rawSocket(`${server.url}/${DOC}`)).toEqual({ status: 401 });
    expect(await rawSocket(`${server.url}/${DOC}?token=forged`)).toEqual({ status: 401 });
    expect(await rawSocket(`${server.url}/${DOC}?token=t-eve`)).toEqual({ status: 403 });
    expect(await rawSocket(`${server.url.replace('/collab', '/other')}/${DOC}?token=t-ada`)).toEqual({
      status: 404,
    });
    expect(await rawSocket(`${server.url}/..%2Fx?token=t-ada`)).toEqual({ status: 404 });
  });

  it('closes a connection within a few seconds of its share being revoked', async () => {
    const b = client('t-bob');
    await until(() => b.provider.synced);
    const closed = new Promise<number>((r) => b.provider.on('connection-close', (ev) => r(ev?.code ?? 0)));
    acl.roles.delete(`bob:${DOC}`);
    expect(await closed).toBe(4403);
    // the stock client treats 44xx as permanent and does not hammer the server
    await new Promise((r) => setTimeout(r, 300));
    expect(b.provider.wsconnected).toBe(false);
  });

  it('a downgrade to viewer applies to the next edit', async () => {
    const b = client('t-bob');
    await until(() => b.provider.synced);
    acl.roles.set(`bob:${DOC}`, 'viewer');
    await new Promise((r) => setTimeout(r, 500));
    b.doc.getText('t').insert(0, 'late');
    await until(() => server.collab.stats().refused >= 1);
    expect((await store.loadDocument(DOC)).updates).toHaveLength(0);
  });

  it('binds presence to the authenticated user: no spoofed names, no foreign client ids', async () => {
    const a = client('t-ada');
    const b = client('t-bob');
    await until(() => a.provider.synced && b.provider.synced);
    b.provider.awareness.setLocalState({
      user: { id: 'ada', name: 'Ada (fake)', color: '#f00' },
      cursor: { x: 5 },
    });
    await until(() => a.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.x === 5);
    expect(a.provider.awareness.getStates().get(b.doc.clientID)?.user).toEqual({
      id: 'bob',
      name: 'Name of bob',
      color: '#f00',
    });
    // a raw socket claiming Ada's client id is ignored
    a.provider.awareness.setLocalState({ user: { color: '#0f0' }, cursor: { x: 1 } });
    await until(() => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.x === 1);
    const r = await rawSocket(`${server.url}/${DOC}?token=t-bob`);
    if (!('ws' in r)) throw new Error('refused');
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MSG.awareness);
    const fake = encoding.createEncoder();
    encoding.writeVarUint(fake, 1);
    encoding.writeVarUint(fake, a.doc.clientID);
    encoding.writeVarUint(fake, 1000);
    encoding.writeVarString(fake, JSON.stringify({ cursor: { x: 666 } }));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(fake));
    r.ws.send(encoding.toUint8Array(e));
    await new Promise((res) => setTimeout(res, 200));
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.x).toBe(1);
    r.ws.close();
    // presence of a closed connection disappears
    b.provider.disconnect();
    await until(() => !a.provider.awareness.getStates().has(b.doc.clientID));
  });

  it('oversized and garbage frames close only that connection', async () => {
    await server.stop();
    server = await startInstance(store, acl, { limits: { maxMessageBytes: 64 * 1024 } });
    const a = client('t-ada');
    await until(() => a.provider.synced);
    const big = await rawSocket(`${server.url}/${DOC}?token=t-bob`);
    const junk = await rawSocket(`${server.url}/${DOC}?token=t-bob`);
    if (!('ws' in big) || !('ws' in junk)) throw new Error('refused');
    const codes: number[] = [];
    big.ws.on('close', (c) => codes.push(c));
    junk.ws.on('close', (c) => codes.push(c));
    big.ws.send(new Uint8Array(65 * 1024));
    junk.ws.send(new Uint8Array([0, 2, 200, 1, 2, 3]));
    await until(() => codes.length === 2);
    expect(codes.sort()).toEqual([1009, 4400]);
    a.doc.getText('t').insert(0, 'still fine');
    await until(async () => (await store.loadDocument(DOC)).updates.length === 1);
    expect(a.provider.wsconnected).toBe(true);
    expect(server.collab.stats().malformed).toBe(1);
  });

  it('closes a connection that floods messages', async () => {
    await server.stop();
    server = await startInstance(store, acl, { limits: { messagesPerSec: 10, messageBurst: 20 } });
    const r = await rawSocket(`${server.url}/${DOC}?token=t-ada`);
    if (!('ws' in r)) throw new Error('refused');
    const closed = new Promise<number>((res) => r.ws.on('close', (c) => res(c)));
    const q = encoding.createEncoder();
    encoding.writeVarUint(q, MSG.queryAwareness);
    for (let i = 0; i < 100; i++) r.ws.send(encoding.toUint8Array(q));
    expect(await closed).toBe(4529);
  });

  it('refuses edits beyond the document size limit', async () => {
    await server.stop();
    server = await startInstance(store, acl, { limits: { maxDocBytes: 10_000 } });
    const a = client('t-ada');
    await until(() => a.provider.synced);
    a.doc.getText('t').insert(0, 'x'.repeat(20_000));
    await until(() => server.collab.stats().refused === 1);
    expect((await store.loadDocument(DOC)).updates).toHaveLength(0);
  });

  it('REST edits reach open editors as one transaction; readDraft reads the live document', async () => {
    const wf = WorkflowJson.parse({
      name: 'Flow',
      nodes: [{ id: 'n1', name: 'Start', type: 'manualTrigger', typeVersion: 1, position: [0, 0] }],
    });
    expect(await server.collab.readDraft(DOC)).toBeNull();
    await server.collab.applyServerUpdate(DOC, (doc) => workflowToDoc(wf, doc), { userId: 'ada' });
    const a = client('t-ada');
    await until(() => a.provider.synced && docToWorkflow(a.doc).nodes.length === 1);
    let transactions = 0;
    a.doc.on('update', () => transactions++);
    await server.collab.applyServerUpdate(
      DOC,
      (doc) =>
        applyOps(
          doc,
          [
            { op: 'moveNode', nodeId: 'n1', position: [5, 5] },
            { op: 'setWorkflowField', field: 'name', value: 'F2' },
          ],
          { actor: { userId: 'ada' } },
        ),
      { userId: 'ada' },
    );
    await until(() => docToWorkflow(a.doc).name === 'F2');
    expect(transactions).toBe(1);
    expect((await server.collab.readDraft(DOC))?.nodes[0].position).toEqual([5, 5]);
    const live = server.collab.liveDocuments();
    expect(await live.read(DOC)).toBe(server.collab.room(DOC)?.doc);
    expect(await live.read('not-open')).toBeNull();
    await live.apply(
      DOC,
      (doc) =>
        applyOps(doc, [{ op: 'setWorkflowField', field: 'name', value: 'F3' }], { actor: { userId: 'ada' } }),
      'ada',
    );
    await until(() => docToWorkflow(a.doc).name === 'F3');
  });

  it('compacts when the last client leaves and reloads as snapshot + tail', async () => {
    const a = client('t-ada');
    await until(() => a.provider.synced);
    for (let i = 0; i < 20; i++) a.doc.getText('t').insert(0, `${i},`);
    await until(async () => (await store.loadDocument(DOC)).updates.length > 0);
    await until(async () => {
      const l = await store.loadDocument(DOC);
      return l.updates.length + (l.snapshot ? 1 : 0) > 0 && a.doc.getText('t').length > 0;
    });
    const expected = a.doc.getText('t').toString();
    await until(() => server.collab.stats().updatesAccepted >= 1);
    a.provider.destroy();
    await until(async () => {
      const l = await store.loadDocument(DOC);
      return l.snapshot !== null && l.updates.length === 0;
    });
    const c = client('t-bob');
    await until(() => c.provider.synced && c.doc.getText('t').toString() === expected);
  });
});
