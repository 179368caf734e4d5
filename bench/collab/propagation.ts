import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDatabase } from '../../api/src/storage/test-databases.ts';
import { sendOwnPresenceOnly } from '../../client/src/features/editor/collab/own-presence.ts';
import { WebSocket, WebsocketProvider, Y } from '../../collab-server/src/test-harness.test-util.ts';
import { percentile, type ServerProc, sleep, startServer, until } from './procs.ts';

export type PropagationResult = {
  clients: number;
  instances: number;
  aiPeer: boolean;
  edits: number;
  delivered: number;
  p50: number;
  p99: number;
  serverCpuPct: number;
};

export type Backend = { servers: ServerProc[]; cleanup(): Promise<void> };

/** One instance on SQLite (embedded mode) or two on MySQL + Redis (production mode). */
export async function startBackend(instances: 1 | 2): Promise<Backend> {
  if (instances === 1) {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-'));
    const servers = [await startServer({ db: { dialect: 'sqlite', file: path.join(dir, 'b.db') } })];
    return {
      servers,
      cleanup: async () => {
        for (const s of servers) await s.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const db = await freshDatabase('mysql');
  const redis = {
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefix: `tandem_bench_${Date.now()}:`,
  };
  const servers = [await startServer({ db: db.target, redis })];
  servers.push(await startServer({ db: db.target, redis }));
  return {
    servers,
    cleanup: async () => {
      for (const s of servers) await s.stop();
      await db.drop();
    },
  };
}

/** Messages the bench's clients sent and received (presence CPU is per message; a busy machine sends fewer). */
export const traffic = { sent: 0, received: 0 };

class CountingWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    this.on('message', () => traffic.received++);
  }
  override send(data: Uint8Array, ...rest: never[]): void {
    traffic.sent++;
    super.send(data, ...rest);
  }
}

/**
 * A y-websocket client. `tandem` (default): configured like Tandem's editor (`sendOwnPresenceOnly`: no echo of
 * other people's presence, sent at most once per relay interval); `stock`: a plain WebsocketProvider.
 */
export function provider(url: string, docId: string, token: string, kind: 'tandem' | 'stock' = 'tandem') {
  const doc = new Y.Doc();
  const p = new WebsocketProvider(url, docId, doc, {
    WebSocketPolyfill: CountingWebSocket as never,
    params: { token },
    disableBc: true,
    maxBackoffTime: 300,
  });
  if (kind === 'tandem') sendOwnPresenceOnly(p);
  return { doc, p };
}

/**
 * Edit-to-peer propagation: client 0 writes a timestamp every 100 ms; every other client records when it sees it.
 * All clients move their cursor at `presenceHz`. Optionally an AI-like peer writes 1 MB in 5 s meanwhile.
 */
export async function propagation(opts: {
  clients: number;
  instances: 1 | 2;
  presenceHz?: number;
  aiPeer?: boolean;
  seconds?: number;
  kind?: 'tandem' | 'stock';
}): Promise<PropagationResult> {
  const backend = await startBackend(opts.instances);
  const docId = `prop${opts.clients}`;
  const clients = Array.from({ length: opts.clients }, (_, i) =>
    provider(backend.servers[i % backend.servers.length].url, docId, `c${i}`, opts.kind),
  );
  const timers: NodeJS.Timeout[] = [];
  try {
    await until(() => clients.every((c) => c.p.synced), 30_000, 'clients synced');
    const hz = opts.presenceHz ?? 20;
    if (hz > 0) {
      for (const c of clients) {
        c.p.awareness.setLocalStateField('user', { color: '#08f' });
        timers.push(
          setInterval(
            () =>
              c.p.awareness.setLocalStateField('cursor', { x: Math.random() * 1e3, y: Math.random() * 1e3 }),
            1000 / hz,
          ),
        );
      }
    }
    const latencies: number[] = [];
    for (const c of clients.slice(1)) {
      const ping = c.doc.getMap<number>('ping');
      ping.observe(() => latencies.push(performance.now() - (ping.get('t') ?? 0)));
    }
    await sleep(1000);
    const cpu0 = backend.servers.map((s) => s.cpuSeconds());
    const t0 = performance.now();
    let ai: Promise<void> = Promise.resolve();
    if (opts.aiPeer) {
      const bot = provider(backend.servers[0].url, docId, 'ai');
      await until(() => bot.p.synced, 10_000, 'ai synced');
      ai = (async () => {
        const chunk = 'x'.repeat(20 * 1024);
        for (let i = 0; i < 50; i++) {
          bot.doc.getText('ai').insert(bot.doc.getText('ai').length, chunk);
          await sleep(100);
        }
        await sleep(500);
        bot.p.destroy();
      })();
    }
    const seconds = opts.seconds ?? 5;
    let edits = 0;
    while (performance.now() - t0 < seconds * 1000) {
      clients[0].doc.getMap<number>('ping').set('t', performance.now());
      edits++;
      await sleep(100);
    }
    await ai;
    await sleep(1000);
    const cpu = backend.servers.reduce((n, s, i) => n + s.cpuSeconds() - cpu0[i], 0);
    const elapsed = (performance.now() - t0) / 1000;
    return {
      clients: opts.clients,
      instances: opts.instances,
      aiPeer: !!opts.aiPeer,
      edits,
      delivered: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      serverCpuPct: (cpu / elapsed) * 100,
    };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const c of clients) c.p.destroy();
    await backend.cleanup();
  }
}

export type PresenceCpu = {
  /** Server CPU, % of a core, with the connections idle. */
  idle: number;
  /** ... with every client moving its cursor at `hz`. */
  presence: number;
  /** Messages per second the clients sent (cursor moves, and echoes for stock clients) and received. */
  inPerSec: number;
  outPerSec: number;
};

/** Server CPU for `clients` clients moving their cursor at `hz`, no edits, over `seconds`. */
export async function presenceCpu(
  clients: number,
  hz: number,
  seconds = 5,
  kind: 'tandem' | 'stock' = 'tandem',
): Promise<PresenceCpu> {
  const backend = await startBackend(1);
  const cs = Array.from({ length: clients }, (_, i) =>
    provider(backend.servers[0].url, 'presence', `c${i}`, kind),
  );
  const timers: NodeJS.Timeout[] = [];
  try {
    await until(() => cs.every((c) => c.p.synced), 30_000, 'clients synced');
    const measure = async () => {
      const c0 = backend.servers[0].cpuSeconds();
      const { sent, received } = traffic;
      const t0 = performance.now();
      await sleep(seconds * 1000);
      const elapsed = (performance.now() - t0) / 1000;
      return {
        cpu: ((backend.servers[0].cpuSeconds() - c0) / elapsed) * 100,
        inPerSec: (traffic.sent - sent) / elapsed,
        outPerSec: (traffic.received - received) / elapsed,
      };
    };
    const idle = await measure();
    for (const c of cs) {
      timers.push(
        setInterval(
          () => c.p.awareness.setLocalStateField('cursor', { x: Math.random(), y: Math.random() }),
          1000 / hz,
        ),
      );
    }
    await sleep(500);
    const busy = await measure();
    return { idle: idle.cpu, presence: busy.cpu, inPerSec: busy.inPerSec, outPerSec: busy.outPerSec };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const c of cs) c.p.destroy();
    await backend.cleanup();
  }
}
