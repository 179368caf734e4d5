import * as decoding from 'lib0/decoding';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Conn } from './connection.ts';
import { syncStep1Message } from './protocol.ts';
import { Room } from './room.ts';
import { DEFAULT_LIMITS } from './server.ts';
import { createMemoryDocumentStore } from './store.ts';
import { makeAcl, rawSocket, startInstance, until } from './test-harness.test-util.ts';

const stats = () => ({ updatesAccepted: 0, bytesReceived: 0, refused: 0, resyncs: 0 });
const text = (doc: Y.Doc) => doc.getText('t').toString();

/** A connection that records what the room sends it. */
function fakeConn(): Conn & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  const send = (m: Uint8Array) => sent.push(m);
  return { sent, send, sendFramed: () => {}, clientIds: new Set<number>() } as unknown as Conn & {
    sent: Uint8Array[];
  };
}

/** Sends sync step 1 with `sv` and returns the step 2 the room answered. */
async function ask(room: Room, sv: Uint8Array): Promise<Uint8Array> {
  const conn = fakeConn();
  await room.handle(conn, syncStep1Message(sv));
  expect(conn.sent).toHaveLength(1);
  return conn.sent[0];
}

/** The update inside a sync step 2 or sync update message. */
function updateOf(message: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(message);
  expect(decoding.readVarUint(d)).toBe(0);
  expect([1, 2]).toContain(decoding.readVarUint(d));
  return decoding.readVarUint8Array(d);
}

async function seededRoom(hibernateAfterMs: number) {
  const store = createMemoryDocumentStore();
  const seed = new Y.Doc();
  seed.getText('t').insert(0, 'stored');
  const snapshot = Y.encodeStateAsUpdate(seed);
  const seq = await store.appendUpdate('r', snapshot, { userId: 'u' });
  await store.compact('r', { snapshot, expectedVersion: 0, version: seq, seqs: [seq] });
  const limits = { ...DEFAULT_LIMITS, hibernateAfterMs };
  const room = new Room('r', {
    store,
    logger: pino({ level: 'silent' }),
    limits,
    fanout: null,
    stats: stats(),
  });
  await room.load();
  return { room, seed, store };
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('sync step 2 replies are computed once per document state and state vector', () => {
  for (const dormant of [true, false]) {
    it(`peers in the same state share one reply (${dormant ? 'dormant' : 'live'} room)`, async () => {
      const { room, seed } = await seededRoom(dormant ? 60_000 : 0);
      stop = () => room.destroy();
      expect(room.hibernating).toBe(dormant);
      const empty = new Uint8Array([0]);
      const full = await ask(room, empty);
      expect(await ask(room, empty)).toBe(full);
      const caughtUp = Y.encodeStateVector(seed);
      const diff = await ask(room, caughtUp);
      expect(await ask(room, caughtUp)).toBe(diff);
      expect(room.hibernating).toBe(dormant); // answered from the encoded state

      // a change: the next peers get the new state, again shared
      const before = Y.encodeStateVector(seed);
      seed.getText('t').insert(6, '!');
      room.commit(Y.encodeStateAsUpdate(seed, before), 2, null);
      const full2 = await ask(room, empty);
      expect(full2).not.toBe(full);
      expect(await ask(room, empty)).toBe(full2);
      const joiner = new Y.Doc();
      Y.applyUpdate(joiner, updateOf(full2));
      expect(text(joiner)).toBe('stored!');
      const behind = new Y.Doc();
      Y.applyUpdate(behind, updateOf(full));
      Y.applyUpdate(behind, updateOf(await ask(room, caughtUp)));
      expect(text(behind)).toBe('stored!');
    });
  }

  it('a dormant room nobody asked for a reply for as long as hibernateAfterMs drops its shared diffs', async () => {
    const { room, seed } = await seededRoom(60_000);
    stop = () => room.destroy();
    const caughtUp = Y.encodeStateVector(seed);
    const diff = await ask(room, caughtUp);
    room.hibernateIfIdle(Date.now() + 1000);
    expect(await ask(room, caughtUp)).toBe(diff); // still in use
    room.hibernateIfIdle(Date.now() + 60_000);
    const again = await ask(room, caughtUp);
    expect(again).not.toBe(diff);
    expect(again).toEqual(diff);
  });

  it('a joiner of a room whose resync was deferred while dormant wakes it and gets the resynced state', async () => {
    const { room, seed, store } = await seededRoom(60_000);
    stop = () => room.destroy();
    await ask(room, new Uint8Array([0])); // a shared reply of the dormant state exists
    // another instance stored an update whose fan-out message was lost
    const before = Y.encodeStateVector(seed);
    seed.getText('t').insert(6, ' elsewhere');
    await store.appendUpdate('r', Y.encodeStateAsUpdate(seed, before), { userId: 'u' });
    await room.resync();
    const conn = fakeConn();
    room.join(conn);
    await room.handle(conn, syncStep1Message(new Uint8Array([0])));
    expect(room.hibernating).toBe(false);
    await room.settle();
    const joiner = new Y.Doc();
    for (const m of conn.sent) if (m[0] === 0 && m[1] !== 0) Y.applyUpdate(joiner, updateOf(m));
    expect(text(joiner)).toBe('stored elsewhere'); // the step 2, then the resync's update
    room.leave(conn);
  });

  it('reconnecting sockets in the same state get the same correct diff over the wire', async () => {
    const store = createMemoryDocumentStore();
    const acl = makeAcl();
    acl.users.set('a', 'ua');
    acl.users.set('b', 'ub');
    acl.roles.set('ua:doc', 'editor');
    acl.roles.set('ub:doc', 'editor');
    const old = new Y.Doc();
    old.getText('t').insert(0, 'hello');
    const seed = new Y.Doc();
    Y.applyUpdate(seed, Y.encodeStateAsUpdate(old));
    seed.getText('t').insert(5, ' world');
    const snapshot = Y.encodeStateAsUpdate(seed);
    const seq = await store.appendUpdate('doc', snapshot, { userId: 'ua' });
    await store.compact('doc', { snapshot, expectedVersion: 0, version: seq, seqs: [seq] });
    const server = await startInstance(store, acl);
    stop = () => server.stop();
    const replies: Uint8Array[] = [];
    for (const token of ['a', 'b']) {
      const s = await rawSocket(`${server.url}/doc?token=${token}`);
      if (!('ws' in s)) throw new Error(`refused: ${s.status}`);
      s.ws.send(syncStep1Message(Y.encodeStateVector(old)));
      const step2 = await until(() => s.messages.find((m) => m[0] === 0 && m[1] === 1));
      replies.push(step2 as Uint8Array);
      s.ws.close();
    }
    expect(replies[1]).toEqual(replies[0]);
    Y.applyUpdate(old, updateOf(replies[0]));
    expect(text(old)).toBe('hello world');
  });
});
