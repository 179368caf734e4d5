import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectClient, until } from '@tandem/collab-server/testing';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createStorage } from '../storage/index.ts';

const CHILD = path.join(import.meta.dirname, 'collab-child.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'tandem-durability-'));
const file = path.join(dir, 'tandem.db');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(port = 0): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const config = JSON.stringify({ db: { dialect: 'sqlite', file }, port });
    const child = spawn(process.execPath, [CHILD, config], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, port: JSON.parse(line).port });
    });
    child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
}

async function storedText(): Promise<string> {
  const storage = await createStorage({ dialect: 'sqlite', file });
  try {
    const l = await storage.documents.loadDocument('dur');
    const doc = new Y.Doc();
    if (l.snapshot) Y.applyUpdate(doc, l.snapshot);
    for (const u of l.updates) Y.applyUpdate(doc, u.update);
    return doc.getText('t').toString();
  } finally {
    await storage.close();
  }
}

const markers = (text: string) => new Set(text.match(/<c\d+:\d+>/g) ?? []);

describe('durability: collab-server killed -9 while clients edit', () => {
  it('every update any client received from the server is in the database after the kill', async () => {
    let { child, port } = await start();
    const clients = Array.from({ length: 4 }, (_, i) =>
      connectClient(`ws://127.0.0.1:${port}/collab`, 'dur', `c${i}`),
    );
    let n = 0;
    let editing = true;
    const typing = (async () => {
      while (editing) {
        clients.forEach((c, i) => {
          c.doc.getText('t').insert(0, `<c${i}:${n}>`);
        });
        n++;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    try {
      for (let round = 0; round < 3; round++) {
        await until(() => clients.every((c) => c.provider.synced), 10_000, 'sync');
        await new Promise((r) => setTimeout(r, 150 + Math.random() * 200));
        child.kill('SIGKILL');
        // what each client had received from the server (other clients' markers) at the moment of the kill
        const received = new Set<string>();
        clients.forEach((c, i) => {
          for (const m of markers(c.doc.getText('t').toString()))
            if (!m.startsWith(`<c${i}:`)) received.add(m);
        });
        await new Promise((r) => child.once('exit', r));
        const stored = markers(await storedText());
        const missing = [...received].filter((m) => !stored.has(m));
        expect(received.size).toBeGreaterThan(0);
        expect(missing).toEqual([]);
        ({ child, port } = await start(port));
      }
      editing = false;
      await typing;
      // after reconnecting, the offline edits of every client merge too
      await until(
        () => {
          const texts = clients.map((c) => c.doc.getText('t').toString());
          return clients.every((c) => c.provider.synced) && new Set(texts).size === 1;
        },
        15_000,
        'convergence after restarts',
      );
      await until(async () => (await storedText()) === clients[0].doc.getText('t').toString(), 5000, 'store');
      expect(markers(await storedText()).size).toBe(4 * n);
    } finally {
      editing = false;
      for (const c of clients) c.provider.destroy();
      child.kill('SIGKILL');
    }
  }, 60_000);
});
