import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStorage } from '../../api/src/storage/index.ts';
import { Y } from '../../collab-server/src/test-harness.test-util.ts';
import { sleep, startServer, until } from './procs.ts';
import { provider } from './propagation.ts';

const MARKER = /<c(\d+):\d+>/g;

/**
 * Every marker a client holds that another client typed, with the id of the Yjs item carrying it. An update is
 * stored when the stored document's state vector covers its item: comparing texts instead would count as lost a
 * marker that a committed delete (client 0's clean-up below) removed while the delete was still on its way to
 * the other clients at the kill.
 */
function receivedMarkers(clients: { doc: Y.Doc }[]): Map<string, Y.ID> {
  const out = new Map<string, Y.ID>();
  clients.forEach((c, i) => {
    for (let item = c.doc.getText('t')._start; item; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
      for (const m of item.content.str.matchAll(MARKER)) if (Number(m[1]) !== i) out.set(m[0], item.id);
    }
  });
  return out;
}

/** kill -9 the server `runs` times while 3 clients type; count updates a client had received but the DB lacks. */
export async function killRuns(runs: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-kill-'));
  const file = path.join(dir, 'k.db');
  let server = await startServer({ db: { dialect: 'sqlite', file } });
  const port = server.port;
  const clients = Array.from({ length: 3 }, (_, i) => provider(server.url, 'k', `c${i}`));
  const closes = new Map<number, number>();
  for (const c of clients) {
    c.p.on('connection-close', (ev: { code: number } | null) => {
      const code = ev?.code ?? 0;
      closes.set(code, (closes.get(code) ?? 0) + 1);
    });
  }
  let n = 0;
  let typing = true;
  const loop = (async () => {
    while (typing) {
      clients.forEach((c, i) => {
        c.doc.getText('t').insert(0, `<c${i}:${n}>`);
      });
      n++;
      await sleep(10);
    }
  })();
  let lost = 0;
  let checked = 0;
  try {
    for (let r = 0; r < runs; r++) {
      await until(
        () => clients.every((c) => c.p.synced),
        20_000,
        `synced (run ${r}, closes ${JSON.stringify([...closes])})`,
      );
      await sleep(50 + Math.random() * 250);
      server.child.kill('SIGKILL');
      const received = receivedMarkers(clients);
      await new Promise((res) => server.child.once('exit', res));
      const storage = await createStorage({ dialect: 'sqlite', file });
      const l = await storage.documents.loadDocument('k');
      await storage.close();
      const doc = new Y.Doc();
      if (l.snapshot) Y.applyUpdate(doc, l.snapshot);
      for (const u of l.updates) Y.applyUpdate(doc, u.update);
      const stored = Y.decodeStateVector(Y.encodeStateVector(doc));
      for (const id of received.values()) if ((stored.get(id.client) ?? 0) <= id.clock) lost++;
      checked += received.size;
      server = await startServer({ db: { dialect: 'sqlite', file }, port });
      // keep the document small: checking is per run, and an ever-growing text makes later runs slow
      await until(() => clients[0].p.synced, 20_000, 'client 0 synced');
      clients[0].doc.getText('t').delete(0, clients[0].doc.getText('t').length);
    }
    return { runs, updatesChecked: checked, lost };
  } finally {
    typing = false;
    await loop;
    for (const c of clients) c.p.destroy();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
