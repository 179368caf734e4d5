/**
 * The joiners of the join storm (join.ts): raw sockets that each send an empty sync step 1 and wait for the full
 * sync step 2. Runs inside the benchmark process, or as a child process holding a share of the joiners
 * (`node join-clients.ts` under `fork`, driven by the messages below), the way real browsers are separate processes.
 */
import { WebSocket } from '../../collab-server/src/test-harness.test-util.ts';

export type JoinResult = {
  /** ms from each socket's creation to its open event, and to the full state received. */
  opened: number[];
  synced: number[];
  /** CPU (user + system, µs) this process spent from the start until every joiner had the full state. */
  cpuMicros: number;
};

/** Parent → child: `start` once every child is ready, `close` once every joiner of every child has synced. */
export type ToChild = { kind: 'start'; url: string; first: number; count: number } | { kind: 'close' };
/** Child → parent. */
export type FromChild =
  | { kind: 'ready' }
  | { kind: 'synced'; result: JoinResult }
  | { kind: 'failed'; error: string };

/**
 * Opens `count` sockets at once (tokens `j<first>`…); resolves when each has the full state. The sockets stay open,
 * like users who opened the document to work on it, until `close` is called.
 */
export async function joinAll(url: string, first: number, count: number) {
  const cpu0 = process.cpuUsage();
  const sockets: WebSocket[] = [];
  const opened: number[] = [];
  const synced = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<number>((resolve, reject) => {
          const t0 = performance.now();
          const ws = new WebSocket(`${url}/big?token=j${first + i}`);
          sockets.push(ws);
          ws.binaryType = 'arraybuffer';
          ws.on('open', () => {
            opened.push(performance.now() - t0);
            ws.send(new Uint8Array([0, 0, 1, 0])); // sync step 1, empty state vector
          });
          ws.on('message', (d: ArrayBuffer) => {
            const b = new Uint8Array(d);
            if (b[0] === 0 && b[1] === 1 && b.byteLength > 1000) resolve(performance.now() - t0);
          });
          ws.on('error', reject);
        }),
    ),
  );
  const cpu = process.cpuUsage(cpu0);
  const result: JoinResult = { opened, synced, cpuMicros: cpu.user + cpu.system };
  const close = () => {
    for (const ws of sockets) {
      ws.on('error', () => {});
      ws.terminate();
    }
  };
  return { result, close };
}

if (process.send && process.argv[1] === import.meta.filename) {
  const send = (m: FromChild) => process.send?.(m);
  let close = () => {};
  process.on('message', async (m: ToChild) => {
    if (m.kind === 'close') {
      close();
      process.disconnect();
      return;
    }
    try {
      const joined = await joinAll(m.url, m.first, m.count);
      close = joined.close;
      send({ kind: 'synced', result: joined.result });
    } catch (err) {
      send({ kind: 'failed', error: (err as Error).message });
    }
  });
  send({ kind: 'ready' });
}
