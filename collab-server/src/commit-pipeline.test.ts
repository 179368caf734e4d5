import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_COMMITTING } from './connection.ts';
import { MSG, TANDEM } from './protocol.ts';
import { createMemoryDocumentStore, type DocumentStore } from './store.ts';
import {
  connectClient,
  type Instance,
  makeAcl,
  rawSocket,
  startInstance,
  until,
} from './test-harness.test-util.ts';

/** A memory store whose appends commit only when the test releases them (one at a time, in any order). */
function gatedStore() {
  const inner = createMemoryDocumentStore();
  const pending: { release(): void; fail(): void }[] = [];
  const store: DocumentStore = {
    ...inner,
    appendUpdate: (docId, update, meta) =>
      new Promise<number>((resolve, reject) => {
        pending.push({
          release: () => resolve(inner.appendUpdate(docId, update, meta)),
          fail: () => reject(new Error('disk full')),
        });
      }),
  };
  return { store, inner, pending };
}

function updateMessage(doc: Y.Doc, fn: () => void): Uint8Array {
  const sv = Y.encodeStateVector(doc);
  fn();
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, sv));
  return encoding.toUint8Array(e);
}

function durableCounts(messages: Uint8Array[]): number[] {
  return messages.flatMap((m) => {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== MSG.auth || decoding.readVarUint(d) !== TANDEM.durable) return [];
    return [decoding.readVarUint(d)];
  });
}

let server: Instance | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function setup() {
  const gated = gatedStore();
  const acl = makeAcl();
  for (const u of ['a', 'b']) {
    acl.users.set(u, u);
    acl.roles.set(`${u}:doc`, 'editor');
  }
  server = await startInstance(gated.store, acl);
  const peer = connectClient(server.url, 'doc', 'b');
  await until(() => peer.provider.synced);
  const r = await rawSocket(`${server.url}/doc?token=a`);
  if (!('ws' in r)) throw new Error('refused');
  return { ...gated, peer, writer: r };
}

describe('commit pipeline (one connection, several edits)', () => {
  it('starts the next commit while one is in flight, yet applies, broadcasts and acks strictly in order', async () => {
    const { pending, peer, writer } = await setup();
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (const s of ['a', 'b', 'c']) writer.ws.send(updateMessage(doc, () => text.insert(text.length, s)));
    await until(() => pending.length === 3, 3000, 'three commits in flight');
    pending[2].release();
    pending[1].release();
    await new Promise((r) => setTimeout(r, 100));
    // committed, but the first is not: nothing reaches anyone, nothing is acknowledged
    expect(peer.doc.getText('t').toString()).toBe('');
    expect(durableCounts(writer.messages)).toEqual([]);
    pending[0].release();
    await until(() => peer.doc.getText('t').toString() === 'abc', 3000, 'peer has all three');
    await until(() => durableCounts(writer.messages).length === 3, 3000, 'acks');
    expect(durableCounts(writer.messages)).toEqual([1, 2, 3]);
    writer.ws.close();
    peer.provider.destroy();
  });

  it(`has at most ${MAX_COMMITTING} commits of one connection in flight`, async () => {
    const { pending, peer, writer } = await setup();
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (let i = 0; i < MAX_COMMITTING + 2; i++)
      writer.ws.send(updateMessage(doc, () => text.insert(i, 'x')));
    await until(() => pending.length === MAX_COMMITTING, 3000, 'first commits');
    await new Promise((r) => setTimeout(r, 100));
    expect(pending).toHaveLength(MAX_COMMITTING);
    pending[0].release();
    await until(() => pending.length === MAX_COMMITTING + 1, 3000, 'the next one starts');
    for (const p of pending.slice(1)) p.release();
    await until(() => pending.length === MAX_COMMITTING + 2, 3000, 'the last one starts');
    pending.at(-1)?.release();
    await until(() => peer.doc.getText('t').length === MAX_COMMITTING + 2, 3000, 'peer has all');
    writer.ws.close();
    peer.provider.destroy();
  });

  it('a failed commit closes the connection; a later one that committed still reaches everyone', async () => {
    const { pending, peer, writer, inner } = await setup();
    const doc = new Y.Doc();
    writer.ws.send(updateMessage(doc, () => doc.getMap('m').set('first', 1)));
    writer.ws.send(updateMessage(doc, () => doc.getMap('m').set('second', 2)));
    await until(() => pending.length === 2, 3000, 'two commits in flight');
    const closed = new Promise<number>((res) => writer.ws.on('close', (code) => res(code)));
    pending[1].release();
    pending[0].fail();
    expect(await closed).toBe(server?.collab.closeCodes.storage.code);
    // stored, so served: the peer gets it (Yjs holds it until the missing first one arrives on reconnect)
    expect((await inner.loadDocument('doc')).updates).toHaveLength(1);
    await until(() => server?.collab.stats().updatesAccepted === 1, 3000, 'applied');
    peer.provider.destroy();
  });
});
