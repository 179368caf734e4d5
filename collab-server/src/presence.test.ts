import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { sendOwnPresenceOnly } from '../../client/src/features/editor/collab/own-presence.ts';
import { decodeAwareness } from './awareness-guard.ts';
import { PresenceBatcher } from './presence.ts';
import { MSG } from './protocol.ts';
import { createMemoryDocumentStore } from './store.ts';
import {
  connectClient,
  type Instance,
  makeAcl,
  rawSocket,
  startInstance,
  until,
} from './test-harness.test-util.ts';

let server: Instance | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(inner, x.clientId);
    encoding.writeVarUint(inner, x.clock);
    encoding.writeVarString(inner, JSON.stringify(x.state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.awareness);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

describe('presence', () => {
  it('a message listing the whole room (a stock client echoing it) is fine; foreign entries are ignored', async () => {
    const acl = makeAcl();
    for (const u of ['a', 'b']) {
      acl.users.set(u, u);
      acl.roles.set(`${u}:doc`, 'editor');
    }
    server = await startInstance(createMemoryDocumentStore(), acl);
    const a = connectClient(server.url, 'doc', 'a');
    await until(() => a.provider.synced);
    a.provider.awareness.setLocalState({ cursor: { x: 1 } });
    const r = await rawSocket(`${server.url}/doc?token=b`);
    if (!('ws' in r)) throw new Error('refused');
    // own entry first, then a's entry with a higher clock (spoof) and 98 more client ids: 100 > the old cap of 64
    const entries = [
      { clientId: 7, clock: 1, state: { cursor: { x: 2 }, user: { name: 'Ada' } } },
      { clientId: a.doc.clientID, clock: 999, state: { cursor: { x: 666 } } },
      ...Array.from({ length: 98 }, (_, i) => ({
        clientId: 1000 + i,
        clock: 1,
        state: { cursor: { x: i } },
      })),
    ];
    r.ws.send(awarenessFrame(entries));
    await until(() => a.provider.awareness.getStates().get(7)?.cursor?.x === 2, 3000, 'own entry');
    expect(a.provider.awareness.getStates().get(7)?.user).toEqual({ id: 'b', name: 'Name of b' });
    expect(a.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.x).toBe(1);
    // at most 3 client ids per connection: 7 and the next two; the rest were skipped unread
    await until(() => a.provider.awareness.getStates().has(1001), 3000, 'third id');
    expect([...a.provider.awareness.getStates().keys()].filter((id) => id >= 1000 && id < 2000)).toEqual([
      1000, 1001,
    ]);
    expect(r.ws.readyState).toBe(r.ws.OPEN);

    // malformed: an entry count larger than the entries present still closes the connection
    const bad = awarenessFrame([{ clientId: 8, clock: 1, state: {} }]);
    bad[2] = 5;
    const closed = new Promise<number>((res) => r.ws.on('close', (code) => res(code)));
    r.ws.send(bad);
    expect(await closed).toBe(server.collab.closeCodes.malformed.code);
    a.provider.destroy();
  });

  it("Tandem's client (sendOwnPresenceOnly) sends only its own presence, at most once per relay interval", async () => {
    const acl = makeAcl();
    for (const u of ['a', 'b']) {
      acl.users.set(u, u);
      acl.roles.set(`${u}:doc`, 'editor');
    }
    server = await startInstance(createMemoryDocumentStore(), acl);
    const sent: Uint8Array[] = [];
    class CountingWebSocket extends WebSocket {
      override send(data: Uint8Array, ...rest: never[]): void {
        sent.push(new Uint8Array(data));
        super.send(data, ...rest);
      }
    }
    const a = new WebsocketProvider(server.url, 'doc', new Y.Doc(), {
      WebSocketPolyfill: CountingWebSocket as never,
      params: { token: 'a' },
      disableBc: true,
    });
    sendOwnPresenceOnly(a);
    const b = connectClient(server.url, 'doc', 'b');
    await until(() => a.synced && b.provider.synced);
    for (let x = 1; x <= 5; x++) b.provider.awareness.setLocalStateField('cursor', { x });
    await until(() => a.awareness.getStates().get(b.doc.clientID)?.cursor?.x === 5, 3000, 'b seen by a');
    a.awareness.setLocalStateField('cursor', { x: 42 });
    await until(() => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.x === 42, 3000, 'a seen');
    const listed = sent
      .filter((m) => m[0] === MSG.awareness)
      .flatMap((m) => {
        const d = decoding.createDecoder(m);
        decoding.readVarUint(d);
        return decodeAwareness(decoding.readVarUint8Array(d)).map((e) => e.clientId);
      });
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed)).toEqual(new Set([a.doc.clientID]));
    // a burst within one relay interval goes out as at most two messages (now, and the latest state after it)
    const before = sent.length;
    for (let x = 100; x < 110; x++) a.awareness.setLocalStateField('cursor', { x });
    await until(() => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.x === 109, 3000, 'last');
    expect(sent.length - before).toBeLessThanOrEqual(2);
    a.destroy();
    b.provider.destroy();
  });

  it('the presence interval grows with the people present beyond 25', () => {
    let peers = 10;
    const awareness = new Awareness(new Y.Doc());
    const batcher = new PresenceBatcher(awareness, { sendLocal() {}, publish() {} }, 50, () => peers);
    expect(batcher.interval()).toBe(50);
    peers = 50;
    expect(batcher.interval()).toBe(100);
    peers = 100;
    expect(batcher.interval()).toBe(200);
    awareness.destroy();
  });

  it('coalesces changes into one message per interval with the latest state of each client', async () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState(null);
    const sent: Uint8Array[] = [];
    const batcher = new PresenceBatcher(awareness, { sendLocal: (m) => sent.push(m), publish() {} }, 30);
    for (let i = 0; i < 10; i++) {
      awareness.states.set(1, { x: i });
      awareness.meta.set(1, { clock: i + 1, lastUpdated: Date.now() });
      batcher.add([1], true);
    }
    await until(() => sent.length > 0, 1000, 'flushed');
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toHaveLength(1);
    const receiver = new Awareness(new Y.Doc());
    const d = decoding.createDecoder(sent[0]);
    decoding.readVarUint(d);
    applyAwarenessUpdate(receiver, decoding.readVarUint8Array(d), 'test');
    expect(receiver.getStates().get(1)).toEqual({ x: 9 });
    batcher.stop();
    awareness.destroy();
    receiver.destroy();
  });
  it('publishes only local entries, and the update sent when nothing came from other instances', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState(null);
    awareness.states.set(1, { x: 1 });
    awareness.meta.set(1, { clock: 1, lastUpdated: Date.now() });
    awareness.states.set(2, { x: 2 });
    awareness.meta.set(2, { clock: 1, lastUpdated: Date.now() });
    const sent: Uint8Array[] = [];
    const published: Uint8Array[] = [];
    const batcher = new PresenceBatcher(
      awareness,
      { sendLocal: (m) => sent.push(m), publish: (u) => published.push(u) },
      30,
    );
    const ids = (update: Uint8Array) => decodeAwareness(update).map((e) => e.clientId);
    const inner = (m: Uint8Array) => {
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d);
      return decoding.readVarUint8Array(d);
    };
    batcher.add([1], true);
    batcher.flush();
    expect(ids(inner(sent[0]))).toEqual([1]);
    expect(published[0]).toEqual(inner(sent[0]));
    batcher.add([1], true);
    batcher.add([2], false);
    batcher.flush();
    expect(ids(inner(sent[1])).sort()).toEqual([1, 2]);
    expect(ids(published[1])).toEqual([1]);
    // a single instance has no publish sink
    const alone = new PresenceBatcher(awareness, { sendLocal: (m) => sent.push(m) }, 30);
    alone.add([2], true);
    alone.flush();
    expect(ids(inner(sent[2]))).toEqual([2]);
    awareness.destroy();
  });

  it('a skipped entry whose state runs past the end is malformed', () => {
    const frame = awarenessFrame([{ clientId: 5, clock: 1, state: { cursor: 1 } }]);
    const update = frame.subarray(2, frame.length - 3);
    expect(() => decodeAwareness(update, () => false)).toThrow(/truncated/);
    expect(decodeAwareness(frame.subarray(2), () => false)).toEqual([]);
  });
});
