import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStorage } from '../../api/src/storage/index.ts';
import { Y } from '../../collab-server/src/test-harness.test-util.ts';
import { sleep, startServer, until } from './procs.ts';
import { provider } from './propagation.ts';

const markers = (t: string) => new Set(t.match(/<c\d+:\d+>/g) ?? []);

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
      const received = new Set<string>();
      clients.forEach((c, i) => {
        for (const m of markers(c.doc.getText('t').toString())) if (!m.startsWith(`<c${i}:`)) received.add(m);
      });
      await new Promise((res) => server.child.once('exit', res));
      const storage = await createStorage({ dialect: 'sqlite', file });
      const l = await storage.documents.loadDocument('k');
      await storage.close();
      const doc = new Y.Doc();
      if (l.snapshot) Y.applyUpdate(doc, l.snapshot);
      for (const u of l.updates) Y.applyUpdate(doc, u.update);
      const stored = markers(doc.getText('t').toString());
      for (const m of received) if (!stored.has(m)) lost++;
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
