import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Conn } from './connection.ts';
import { MSG } from './protocol.ts';
import { MalformedError, Room } from './room.ts';
import { DEFAULT_LIMITS } from './server.ts';
import { createMemoryDocumentStore } from './store.ts';
import { connectClient, makeAcl, rawSocket, startInstance, until } from './test-harness.test-util.ts';

function fakeConn(role: 'editor' | 'viewer' = 'editor'): Conn {
  const ws = { readyState: 1, OPEN: 1, bufferedAmount: 0, send() {}, close() {}, terminate() {} };
  return new Conn(ws as unknown as WebSocket, { userId: 'u', name: 'U' }, role, { perSec: 1e9, burst: 1e9 });
}

function validUpdateFrame(text: string): Uint8Array {
  const d = new Y.Doc();
  d.getMap('nodes').set('x', new Y.Map([['name', text]]));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(d));
  return encoding.toUint8Array(e);
}

/** Random bytes, and valid frames with bytes flipped, truncated or extended. */
const frame = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .tuple(fc.string(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'grow'))
    .map(([t, pos, byte, how]) => {
      const f = validUpdateFrame(t);
      const i = pos % f.length;
      if (how === 'flip') f[i] = byte;
      if (how === 'cut') return f.slice(0, i);
      if (how === 'grow') return Uint8Array.from([...f, byte, byte]);
      return f;
    }),
  fc.tuple(fc.nat(3), fc.uint8Array({ maxLength: 40 })).map(([t, rest]) => Uint8Array.from([t, ...rest])),
);

describe('fuzz: the server never crashes on input', () => {
  it('every frame either applies or is rejected as malformed; the document stays readable', async () => {
    const store = createMemoryDocumentStore();
    const stats = { updatesAccepted: 0, bytesReceived: 0, refused: 0, resyncs: 0 };
    const room = new Room('fuzz', {
      store,
      logger: pino({ level: 'silent' }),
      limits: DEFAULT_LIMITS,
      fanout: null,
      stats,
    });
    await room.load();
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { maxLength: 20 }), async (frames) => {
        const conn = fakeConn();
        room.join(conn);
        for (const f of frames) {
          try {
            await room.handle(conn, f);
          } catch (err) {
            expect(err).toBeInstanceOf(MalformedError);
            break;
          }
        }
        room.leave(conn);
        expect(() => room.doc.getMap('nodes').toJSON()).not.toThrow();
      }),
      { numRuns: 400 },
    );
    // whatever was stored reloads
    const again = new Room('fuzz', {
      store,
      logger: pino({ level: 'silent' }),
      limits: DEFAULT_LIMITS,
      fanout: null,
      stats,
    });
    await again.load();
    expect(again.doc.getMap('nodes').toJSON()).toEqual(room.doc.getMap('nodes').toJSON());
    await room.destroy();
    await again.destroy();
  });

  it('over real sockets: garbage closes only its own connection, the server keeps serving', async () => {
    const acl = makeAcl();
    acl.users.set('t', 'u');
    acl.roles.set('u:doc', 'editor');
    const server = await startInstance(createMemoryDocumentStore(), acl);
    const good = connectClient(server.url, 'doc', 't');
    await until(() => good.provider.synced);
    const samples = fc.sample(frame, { numRuns: 25, seed: 42 });
    for (const f of samples) {
      const r = await rawSocket(`${server.url}/doc?token=t`);
      if (!('ws' in r)) throw new Error('refused');
      r.ws.send(f);
      r.ws.send(new Uint8Array([0, 0, 1, 0])); // step 1: proves the socket is still served if not closed
      r.ws.close();
    }
    good.doc.getText('t').insert(0, 'alive');
    const other = connectClient(server.url, 'doc', 't');
    await until(() => other.doc.getText('t').toString() === 'alive');
    good.provider.destroy();
    other.provider.destroy();
    await server.stop();
  });
});
