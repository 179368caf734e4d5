import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Room } from './room.ts';
import { DEFAULT_LIMITS } from './server.ts';
import { createMemoryDocumentStore } from './store.ts';
import { connectClient, type Instance, makeAcl, startInstance, until } from './test-harness.test-util.ts';

let server: Instance | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const text = (doc: Y.Doc) => doc.getText('t').toString();

async function hibernatingServer() {
  const store = createMemoryDocumentStore();
  const acl = makeAcl();
  for (const t of ['a', 'b', 'c']) {
    acl.users.set(t, `u${t}`);
    acl.roles.set(`u${t}:doc`, 'editor');
  }
  server = await startInstance(store, acl, { limits: { hibernateAfterMs: 100 } });
  return { store, server };
}

describe('idle rooms hibernate (keep only the encoded state)', () => {
  it('answers joiners from the encoded state, wakes on the first edit and loses nothing', async () => {
    const { store, server } = await hibernatingServer();
    const a = connectClient(server.url, 'doc', 'a');
    await until(() => a.provider.synced);
    a.doc.getText('t').insert(0, 'hello');
    await until(async () => (await store.loadDocument('doc')).updates.length === 1);
    const room = server.collab.room('doc');
    await until(() => room?.hibernating, 3000, 'hibernating');

    // a joiner with an empty document and a reconnecting one with offline edits: both sync, the room stays asleep
    const b = connectClient(server.url, 'doc', 'b');
    await until(() => b.provider.synced && text(b.doc) === 'hello', 3000, 'b synced');
    expect(room?.hibernating).toBe(true);

    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(a.doc));
    offline.getText('t').insert(5, ' world');
    const c = connectClient(server.url, 'doc', 'c', offline);
    await until(() => [a, b, c].every((x) => text(x.doc) === 'hello world'), 3000, 'converged');
    expect(room?.hibernating).toBe(false); // the offline edit woke it

    b.doc.getText('t').insert(0, '> ');
    await until(() => [a, b, c].every((x) => text(x.doc) === '> hello world'), 3000, 'converged again');
    const stored = await store.loadDocument('doc');
    const check = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(check, u.update);
    expect(text(check)).toBe('> hello world');
    for (const x of [a, b, c]) x.provider.destroy();
  });

  it('a document stored as a snapshot alone loads dormant: joiners get it without a Y.Doc being built', async () => {
    const { store, server } = await hibernatingServer();
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'stored');
    const snapshot = Y.encodeStateAsUpdate(seed);
    const seq = await store.appendUpdate('doc', snapshot, { userId: 'ua' });
    await store.compact('doc', { snapshot, expectedVersion: 0, version: seq, seqs: [seq] });
    const a = connectClient(server.url, 'doc', 'a');
    const b = connectClient(server.url, 'doc', 'b');
    await until(() => [a, b].every((x) => x.provider.synced && text(x.doc) === 'stored'), 3000, 'synced');
    expect(server.collab.room('doc')?.hibernating).toBe(true);
    a.doc.getText('t').insert(6, '!');
    await until(() => text(b.doc) === 'stored!', 3000, 'edit delivered');
    expect(server.collab.room('doc')?.hibernating).toBe(false);
    for (const x of [a, b]) x.provider.destroy();
  });

  it('a resync asked for while dormant runs when the room wakes', async () => {
    const store = createMemoryDocumentStore();
    const stats = { updatesAccepted: 0, bytesReceived: 0, refused: 0, resyncs: 0 };
    const limits = { ...DEFAULT_LIMITS, hibernateAfterMs: 50 };
    const room = new Room('r', { store, logger: pino({ level: 'silent' }), limits, fanout: null, stats });
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'one');
    await store.appendUpdate('r', Y.encodeStateAsUpdate(seed), { userId: 'u' });
    await room.load();
    await until(() => room.hibernating, 2000, 'hibernating');

    // another instance stored an update whose fan-out message was lost
    const before = Y.encodeStateVector(seed);
    seed.getText('t').insert(3, ' two');
    await store.appendUpdate('r', Y.encodeStateAsUpdate(seed, before), { userId: 'u' });
    await room.resync();
    expect(room.hibernating).toBe(true);
    expect(stats.resyncs).toBe(0);

    expect(text(room.doc)).toBe('one'); // waking starts the deferred resync
    await until(() => text(room.doc) === 'one two', 2000, 'resynced');
    expect(stats.resyncs).toBe(1);
    await room.destroy();
  });
});
