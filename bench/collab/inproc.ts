import v8 from 'node:v8';
import vm from 'node:vm';
import { Room } from '../../collab-server/src/room.ts';
import { DEFAULT_LIMITS } from '../../collab-server/src/server.ts';
import { createMemoryDocumentStore } from '../../collab-server/src/store.ts';
import {
  connectClient,
  makeAcl,
  pino,
  startInstance,
  until,
  Y,
} from '../../collab-server/src/test-harness.test-util.ts';
import { applyOps, docToWorkflow, workflowToDoc } from '../../shared/src/doc/index.ts';
import { bigWorkflow } from './join.ts';
import { percentile } from './procs.ts';

/** Exposes gc() lazily: setting the flag at import time made better-sqlite3 abort in unrelated scenarios. */
function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const logger = pino({ level: 'silent' });
const stats = () => ({ updatesAccepted: 0, bytesReceived: 0, refused: 0, resyncs: 0 });

/** Bytes the store writes (log + snapshots) per byte of update accepted, for people typing and moving nodes. */
export async function storageRatio(edits = 4000) {
  const store = createMemoryDocumentStore();
  const acl = makeAcl();
  for (let i = 0; i < 4; i++) {
    acl.users.set(`t${i}`, `u${i}`);
    acl.roles.set(`u${i}:s`, 'editor');
  }
  const server = await startInstance(store, acl);
  await server.collab.applyServerUpdate('s', (d) => workflowToDoc(bigWorkflow(30, 400), d), { userId: 'u0' });
  const clients = Array.from({ length: 4 }, (_, i) => connectClient(server.url, 's', `t${i}`));
  await until(() => clients.every((c) => c.provider.synced), 10_000, 'synced');
  for (let i = 0; i < edits; i++) {
    const c = clients[i % 4];
    if (i % 5 === 0)
      applyOps(c.doc, [{ op: 'moveNode', nodeId: `n${i % 30}`, position: [i, i] }], {
        actor: { userId: 'u' },
      });
    else {
      const code = (c.doc.getMap('nodes').get(`n${i % 30}`) as Y.Map<Y.Map<Y.Text>>)
        .get('parameters')!
        .get('jsCode')!;
      code.insert(i % code.length, 'k');
    }
    // ~250 edits/s per client: a fast typist, under the per-connection rate limit
    if (i % 8 === 0) await new Promise((r) => setTimeout(r, 8));
  }
  const sv = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).toString('base64');
  await until(
    () => {
      const room = server.collab.room('s');
      return !!room && clients.every((c) => c.provider.synced && sv(c.doc) === sv(room.doc));
    },
    60_000,
    'server has every edit',
  );
  for (const c of clients) c.provider.destroy();
  await until(() => server.collab.stats().rooms === 0, 10_000, 'unloaded');
  await server.stop();
  const received = server.collab.stats().bytesReceived;
  return { received, written: store.bytesWritten(), ratio: store.bytesWritten() / received };
}

/**
 * Memory per loaded document (a 30-node workflow), over `rooms` rooms: heap + ArrayBuffers (the encoded state of a
 * hibernating room lives in one), right after loading and once idle for `hibernateAfterMs`.
 */
export async function idleHeap(rooms = 40) {
  const gc = exposeGc();
  const store = createMemoryDocumentStore();
  const wf = bigWorkflow(30, 300);
  for (let i = 0; i < rooms; i++)
    await store.appendUpdate(`d${i}`, Y.encodeStateAsUpdate(workflowToDoc(wf)), { userId: 'u' });
  // ArrayBuffers are freed by finalizers after the collection that found them dead: a few rounds, with turns between
  const used = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 50));
    }
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = await used();
  const loaded: Room[] = [];
  const limits = { ...DEFAULT_LIMITS, hibernateAfterMs: 500 };
  for (let i = 0; i < rooms; i++) {
    const r = new Room(`d${i}`, { store, logger, limits, fanout: null, stats: stats() });
    await r.load();
    loaded.push(r);
  }
  const awake = ((await used()) - before) / rooms;
  const docBytes = Y.encodeStateAsUpdate(loaded[0].doc).byteLength;
  await until(() => loaded.every((r) => r.hibernating), 10_000, 'rooms hibernate');
  const idle = ((await used()) - before) / rooms;
  for (const r of loaded) await r.destroy();
  return { awakeKB: awake / 1024, perRoomKB: idle / 1024, docKB: docBytes / 1024 };
}

/** Load time of a 500-node workflow document (snapshot) into a room, and its conversion to JSON. */
export async function load500() {
  const store = createMemoryDocumentStore();
  const update = Y.encodeStateAsUpdate(workflowToDoc(bigWorkflow(500, 600)));
  const seq = await store.appendUpdate('w', update, { userId: 'u' });
  await store.compact('w', { snapshot: update, expectedVersion: 0, version: seq, seqs: [seq] });
  const loads: number[] = [];
  const toJson: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = new Room('w', { store, logger, limits: DEFAULT_LIMITS, fanout: null, stats: stats() });
    await r.load();
    const doc = r.doc; // a snapshot-only document loads dormant: the Y.Doc is built on first use, timed here
    loads.push(performance.now() - t0);
    const t1 = performance.now();
    docToWorkflow(doc);
    toJson.push(performance.now() - t1);
    await r.destroy();
  }
  return { bytes: update.byteLength, loadMs: percentile(loads, 50), toJsonMs: percentile(toJson, 50) };
}
