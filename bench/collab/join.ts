import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { createStorage } from '../../api/src/storage/index.ts';
import { freshDatabase } from '../../api/src/storage/test-databases.ts';
import { Y } from '../../collab-server/src/test-harness.test-util.ts';
import { workflowToDoc } from '../../shared/src/doc/index.ts';
import { WorkflowJson } from '../../shared/src/schema/index.ts';
import { type FromChild, joinAll, type ToChild } from './join-clients.ts';
import { percentile, startServer } from './procs.ts';

const CLIENTS = path.resolve(import.meta.dirname, 'join-clients.ts');

/** A workflow of `nodes` Code nodes with ~`codeBytes` of code each. */
export function bigWorkflow(nodes: number, codeBytes: number): WorkflowJson {
  const line = '  const value = items.map((item) => item.json.value * 2); // padding\n';
  const code = line.repeat(Math.ceil(codeBytes / line.length)).slice(0, codeBytes);
  return WorkflowJson.parse({
    name: 'big',
    nodes: Array.from({ length: nodes }, (_, i) => ({
      id: `n${i}`,
      name: `Node ${i}`,
      type: 'code',
      typeVersion: 2,
      position: [i * 10, i * 5],
      parameters: { jsCode: code, mode: 'runOnceForAllItems', options: { retries: i % 3 } },
    })),
    connections: Object.fromEntries(
      Array.from({ length: nodes - 1 }, (_, i) => [
        `Node ${i}`,
        { main: [[{ node: `Node ${i + 1}`, type: 'main', index: 0 }]] },
      ]),
    ),
  });
}

/**
 * `joiners` sockets open one stored document of ~`mb` MB at once; time from socket creation to full state.
 * `procs` = 1: every joiner lives in this process (one event loop receives all 200 × 4.4 MB). `procs` > 1: the
 * joiners are split over that many child processes, as real users are separate browsers; same machine, so the
 * clients' total CPU is still charged to it (reported per joiner next to the server's).
 */
export async function joinStorm(joiners: number, mb: number, procs = 1) {
  // MySQL, not SQLite: under this load better-sqlite3 12.11.1 on Node 24 aborted the server process in GC
  // (Statement::~Statement → RemoveEnvironmentCleanupHook, env == nullptr); reported, see README
  const db = await freshDatabase('mysql');
  const storage = await createStorage(db.target);
  const update = Y.encodeStateAsUpdate(workflowToDoc(bigWorkflow(500, Math.round((mb * 1024 * 1024) / 500))));
  const seq = await storage.documents.appendUpdate('big', update, { userId: 'seed' });
  await storage.documents.compact('big', { snapshot: update, expectedVersion: 0, version: seq, seqs: [seq] });
  await storage.close();
  const server = await startServer({ db: db.target });
  const children: Awaited<ReturnType<typeof startClients>> = [];
  try {
    if (procs > 1) children.push(...(await startClients(procs)));
    const cpu0 = server.cpuSeconds();
    const t00 = performance.now();
    const shares = children.length
      ? await Promise.all(children.map((c, i) => c.join(server.url, share(joiners, procs, i))))
      : [await joinAll(server.url, 0, joiners)];
    const wall = (performance.now() - t00) / 1000;
    const serverCpu = server.cpuSeconds() - cpu0;
    const clientCpu = shares.reduce((n, s) => n + s.result.cpuMicros, 0) / 1e6;
    for (const s of shares) s.close();
    const times = shares.flatMap((s) => s.result.synced);
    return {
      joiners,
      procs,
      docBytes: update.byteLength,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: Math.max(...times),
      openP99: percentile(
        shares.flatMap((s) => s.result.opened),
        99,
      ),
      serverCpuPct: (serverCpu / wall) * 100,
      clientCpuPct: (clientCpu / wall) * 100,
      /** CPU ms per joiner: load-insensitive, unlike the wall times. */
      serverCpuMsPerJoin: (serverCpu * 1000) / joiners,
      clientCpuMsPerJoin: (clientCpu * 1000) / joiners,
    };
  } finally {
    for (const c of children) c.kill();
    await server.stop();
    await db.drop();
  }
}

/** The `i`-th of `procs` shares of `joiners`: first token and count. */
function share(joiners: number, procs: number, i: number): { first: number; count: number } {
  const first = Math.round((joiners * i) / procs);
  return { first, count: Math.round((joiners * (i + 1)) / procs) - first };
}

/** Forks `procs` client processes and waits until each has loaded its modules (kills them all if one fails). */
async function startClients(procs: number) {
  const forked = Array.from({ length: procs }, () =>
    fork(CLIENTS, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  try {
    return await Promise.all(forked.map(driveClient));
  } catch (err) {
    for (const child of forked) child.kill();
    throw err;
  }
}

async function driveClient(child: ChildProcess) {
  const next = () =>
    new Promise<FromChild>((resolve, reject) => {
      child.once('message', (m: FromChild) => resolve(m));
      child.once('exit', (code) => reject(new Error(`join client process exited (${code})`)));
    });
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error('join client process did not start');
  return {
    async join(url: string, { first, count }: { first: number; count: number }) {
      const reply = next();
      child.send({ kind: 'start', url, first, count } satisfies ToChild);
      const m = await reply;
      if (m.kind !== 'synced') throw new Error(m.kind === 'failed' ? m.error : 'unexpected message');
      return { result: m.result, close: () => child.send({ kind: 'close' } satisfies ToChild) };
    },
    kill: () => child.kill(),
  };
}
