import { createStorage } from '../../api/src/storage/index.ts';
import { freshDatabase } from '../../api/src/storage/test-databases.ts';
import { WebSocket, Y } from '../../collab-server/src/test-harness.test-util.ts';
import { workflowToDoc } from '../../shared/src/doc/index.ts';
import { WorkflowJson } from '../../shared/src/schema/index.ts';
import { percentile, startServer } from './procs.ts';

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

/** `joiners` sockets open one stored document of ~`mb` MB at once; time from socket creation to full state. */
export async function joinStorm(joiners: number, mb: number) {
  // MySQL, not SQLite: under this load better-sqlite3 12.11.1 on Node 24 aborted the server process in GC
  // (Statement::~Statement → RemoveEnvironmentCleanupHook, env == nullptr); reported, see README
  const db = await freshDatabase('mysql');
  const storage = await createStorage(db.target);
  const update = Y.encodeStateAsUpdate(workflowToDoc(bigWorkflow(500, Math.round((mb * 1024 * 1024) / 500))));
  const seq = await storage.documents.appendUpdate('big', update, { userId: 'seed' });
  await storage.documents.compact('big', { snapshot: update, expectedVersion: 0, version: seq, seqs: [seq] });
  await storage.close();
  const server = await startServer({ db: db.target });
  try {
    const opened: number[] = [];
    const cpu0 = server.cpuSeconds();
    const bench0 = process.cpuUsage();
    const t00 = performance.now();
    const times = await Promise.all(
      Array.from(
        { length: joiners },
        (_, i) =>
          new Promise<number>((resolve, reject) => {
            const t0 = performance.now();
            const ws = new WebSocket(`${server.url}/big?token=j${i}`);
            ws.binaryType = 'arraybuffer';
            ws.on('open', () => {
              opened.push(performance.now() - t0);
              ws.send(new Uint8Array([0, 0, 1, 0])); // sync step 1, empty state vector
            });
            ws.on('message', (d: ArrayBuffer) => {
              const b = new Uint8Array(d);
              if (b[0] === 0 && b[1] === 1 && b.byteLength > 1000) {
                resolve(performance.now() - t0);
                ws.on('error', () => {});
                ws.terminate();
              }
            });
            ws.on('error', reject);
          }),
      ),
    );
    const wall = (performance.now() - t00) / 1000;
    const benchCpu = process.cpuUsage(bench0);
    return {
      joiners,
      docBytes: update.byteLength,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: Math.max(...times),
      openP99: percentile(opened, 99),
      serverCpuPct: ((server.cpuSeconds() - cpu0) / wall) * 100,
      clientCpuPct: ((benchCpu.user + benchCpu.system) / 1e6 / wall) * 100,
    };
  } finally {
    await server.stop();
    await db.drop();
  }
}
