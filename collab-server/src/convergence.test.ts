import { applyOps, type DocOpInput, docToWorkflow, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRedisFanout, type Fanout } from './fanout.ts';
import { createMemoryDocumentStore, type DocumentStore } from './store.ts';
import { connectClient, type Instance, makeAcl, startInstance, until } from './test-harness.test-util.ts';

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function storedJson(store: DocumentStore, docId: string) {
  const l = await store.loadDocument(docId);
  const doc = new Y.Doc();
  if (l.snapshot) Y.applyUpdate(doc, l.snapshot);
  for (const u of l.updates) Y.applyUpdate(doc, u.update);
  return JSON.stringify(docToWorkflow(doc));
}

function randomOp(rnd: () => number, doc: Y.Doc, me: number, step: number): DocOpInput {
  const nodes = docToWorkflow(doc).nodes;
  const pick = () => nodes[Math.floor(rnd() * nodes.length)];
  const r = rnd();
  if (nodes.length < 2 || r < 0.15) {
    const id = `n${me}-${step}`;
    return { op: 'addNode', node: { id, name: id, type: 'set', typeVersion: 1, position: [me, step] } };
  }
  if (r < 0.3) return { op: 'moveNode', nodeId: pick().id, position: [Math.floor(rnd() * 900), step] };
  if (r < 0.38) {
    const victim = pick();
    if (victim.id !== 'code') return { op: 'removeNode', nodeId: victim.id };
  }
  if (r < 0.5) return { op: 'connect', edge: { source: pick().id, target: pick().id } };
  if (r < 0.7) {
    return {
      op: 'setParameter',
      nodeId: pick().id,
      path: [`p${Math.floor(rnd() * 3)}`],
      value: `${me}:${step}`,
    };
  }
  const code = doc.getMap('nodes').get('code') as Y.Map<unknown> | undefined;
  const text = (code?.get('parameters') as Y.Map<unknown> | undefined)?.get('jsCode');
  if (text instanceof Y.Text) {
    // typing into the same code node as everyone else
    text.insert(Math.floor(rnd() * (text.length + 1)), `/*${me}.${step}*/`);
  }
  return { op: 'setParameter', nodeId: 'code', path: ['mode'], value: `m${me}` };
}

describe('convergence across two instances via Redis', () => {
  for (const seed of [1, 2, 3]) {
    it(`8 clients, random edits and disconnects converge (seed ${seed})`, async () => {
      const prefix = `tandem_t_${crypto.randomUUID()}:`;
      const store = createMemoryDocumentStore();
      const acl = makeAcl();
      const docId = `conv${seed}`;
      for (let i = 0; i < 8; i++) {
        acl.users.set(`t${i}`, `u${i}`);
        acl.roles.set(`u${i}:${docId}`, 'editor');
      }
      const opts = { redis: { url: REDIS, prefix }, limits: { compactMinBytes: 2000 } };
      const servers: Instance[] = [
        await startInstance(store, acl, opts),
        await startInstance(store, acl, opts),
      ];
      const base = WorkflowJson.parse({
        name: 'conv',
        nodes: [
          {
            id: 'code',
            name: 'Code',
            type: 'code',
            typeVersion: 2,
            position: [0, 0],
            parameters: { jsCode: '' },
          },
        ],
      });
      await servers[0].collab.applyServerUpdate(docId, (d) => workflowToDoc(base, d), { userId: 'u0' });
      const rnd = prng(seed);
      const clients = Array.from({ length: 8 }, (_, i) => connectClient(servers[i % 2].url, docId, `t${i}`));
      try {
        await until(() => clients.every((c) => c.provider.synced), 10_000, 'initial sync');
        for (let step = 0; step < 40; step++) {
          for (let i = 0; i < clients.length; i++) {
            const c = clients[i];
            if (rnd() < 0.05) {
              if (c.provider.shouldConnect) c.provider.disconnect();
              else c.provider.connect();
            }
            try {
              applyOps(c.doc, [randomOp(rnd, c.doc, i, step)], { actor: { userId: `u${i}` } });
            } catch {
              // concurrent edits make some ops invalid locally (node gone): that is expected
            }
          }
          await new Promise((r) => setTimeout(r, 5));
        }
        for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
        await until(
          async () => {
            if (!clients.every((c) => c.provider.synced)) return false;
            const jsons = clients.map((c) => JSON.stringify(docToWorkflow(c.doc)));
            if (new Set(jsons).size !== 1) return false;
            return (await storedJson(store, docId)) === jsons[0];
          },
          20_000,
          'convergence',
        );
        const final = docToWorkflow(clients[0].doc);
        const code = final.nodes.find((n) => n.id === 'code')?.parameters.jsCode as string;
        expect(code.length).toBeGreaterThan(0);
        expect(final.nodes.length).toBeGreaterThan(3);
        expect(servers[0].collab.stats().updatesAccepted).toBeGreaterThan(20);
        expect(servers[1].collab.stats().updatesAccepted).toBeGreaterThan(20);
        // a sync reply for one peer is never broadcast: no client ever received another's step 2 as an update
        expect(servers[0].collab.stats().malformed + servers[1].collab.stats().malformed).toBe(0);
      } finally {
        for (const c of clients) c.provider.destroy();
        for (const s of servers) await s.stop();
      }
    });
  }

  it('an instance that missed fan-out messages resyncs from the store instead of diverging', async () => {
    const prefix = `tandem_t_${crypto.randomUUID()}:`;
    const store = createMemoryDocumentStore();
    const acl = makeAcl();
    acl.users.set('a', 'ua');
    acl.users.set('b', 'ub');
    acl.roles.set('ua:gap', 'editor');
    acl.roles.set('ub:gap', 'editor');
    const s1 = await startInstance(store, acl, { redis: { url: REDIS, prefix } });
    const real = createRedisFanout({ url: REDIS, prefix }, pino({ level: 'silent' }));
    let drop = false;
    const lossy: Fanout = {
      ...real,
      instanceId: real.instanceId,
      subscribe: (docId, handler) => real.subscribe(docId, (m) => (drop ? undefined : handler(m))),
    };
    const s2 = await startInstance(store, acl, { fanout: lossy });
    const a = connectClient(s1.url, 'gap', 'a');
    const b = connectClient(s2.url, 'gap', 'b');
    try {
      await until(() => a.provider.synced && b.provider.synced, 5000, 'sync');
      a.doc.getText('t').insert(0, 'one ');
      await until(() => b.doc.getText('t').toString() === 'one ', 5000, 'first edit');
      drop = true; // a Redis blip: instance 2 misses the next message
      a.doc.getText('t').insert(0, 'lost ');
      await until(async () => (await store.loadDocument('gap')).updates.length === 2);
      await new Promise((r) => setTimeout(r, 100));
      expect(b.doc.getText('t').toString()).toBe('one ');
      drop = false;
      a.doc.getText('t').insert(0, 'two ');
      await until(() => b.doc.getText('t').toString() === 'two lost one ', 5000, 'resync');
      expect(s2.collab.stats().resyncs).toBeGreaterThanOrEqual(1);
    } finally {
      a.provider.destroy();
      b.provider.destroy();
      await s1.stop();
      await s2.stop();
    }
  });
});
