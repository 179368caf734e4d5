import { createRequire } from 'node:module';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';

/**
 * Cross-instance fan-out over Redis pub/sub.
 *
 * Why pub/sub and not streams: every update is committed to the SQL update log BEFORE it is published, so Redis
 * only has to carry low-latency notifications, not be a second durable log (streams would hold a copy of every
 * update in Redis memory with its own trimming and consumer bookkeeping). What pub/sub can lose, the database
 * has: each publisher numbers its update messages per document, and a receiver that sees a hole, or whose
 * subscription connection dropped, re-reads the document from the store (`Room.resync`) instead of diverging.
 */
export type FanoutMessage =
  | { kind: 'update'; from: string; counter: number; seq: number; update: Uint8Array }
  | { kind: 'awareness'; from: string; update: Uint8Array }
  | { kind: 'query'; from: string };

type Outgoing =
  | { kind: 'update'; seq: number; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query' };

export interface Fanout {
  readonly instanceId: string;
  /** Resolves once the subscription is active (subscribe before loading, so nothing falls in between). */
  subscribe(docId: string, handler: (m: FanoutMessage) => void): Promise<void>;
  unsubscribe(docId: string): Promise<void>;
  publish(docId: string, m: Outgoing): void;
  /** Called after the subscription connection came back from an outage (messages may have been lost). */
  onReconnect(cb: () => void): void;
  close(): Promise<void>;
}

const KIND = { update: 0, awareness: 1, query: 2 } as const;

export function encodeFanout(from: string, counter: number, m: Outgoing): Buffer {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, KIND[m.kind]);
  encoding.writeVarString(e, from);
  if (m.kind === 'update') {
    encoding.writeVarUint(e, counter);
    encoding.writeVarUint(e, m.seq);
    encoding.writeVarUint8Array(e, m.update);
  } else if (m.kind === 'awareness') encoding.writeVarUint8Array(e, m.update);
  return Buffer.from(encoding.toUint8Array(e));
}

export function decodeFanout(buf: Uint8Array): FanoutMessage {
  const d = decoding.createDecoder(buf);
  const kind = decoding.readUint8(d);
  const from = decoding.readVarString(d);
  if (kind === KIND.update) {
    const counter = decoding.readVarUint(d);
    const seq = decoding.readVarUint(d);
    return { kind: 'update', from, counter, seq, update: decoding.readVarUint8Array(d) };
  }
  if (kind === KIND.awareness) return { kind: 'awareness', from, update: decoding.readVarUint8Array(d) };
  if (kind === KIND.query) return { kind: 'query', from };
  throw new Error(`unknown fan-out message kind ${kind}`);
}

/**
 * Redis pub/sub fan-out: one channel per document, `${prefix}collab:${docId}`.
 * @example const fanout = createRedisFanout({ url: 'redis://127.0.0.1:6379', prefix: 'tandem:' }, logger)
 */
export function createRedisFanout(opts: { url: string; prefix?: string }, logger: Logger): Fanout {
  // ioredis (CommonJS) is required here, not imported at the top: a process without Redis never loads it.
  const { Redis } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  const instanceId = crypto.randomUUID();
  const prefix = `${opts.prefix ?? 'tandem:'}collab:`;
  const pub = new Redis(opts.url, { lazyConnect: false, maxRetriesPerRequest: null });
  // disableClientInfo + waiting for 'ready': ioredis ≥ 5.8.2 may send its CLIENT SETINFO / INFO handshake after a
  // SUBSCRIBE issued while connecting, which Redis rejects in subscriber mode (redis/ioredis#2037)
  const sub = new Redis(opts.url, {
    lazyConnect: false,
    maxRetriesPerRequest: null,
    disableClientInfo: true,
  });
  const subReady =
    sub.status === 'ready'
      ? Promise.resolve()
      : new Promise<void>((resolve) => sub.once('ready', () => resolve()));
  const handlers = new Map<string, (m: FanoutMessage) => void>();
  const counters = new Map<string, number>();
  const reconnectCbs: (() => void)[] = [];
  let readyOnce = false;
  for (const c of [pub, sub])
    c.on('error', (err) => logger.warn({ err: err.message }, 'redis fan-out error'));
  sub.on('ready', () => {
    if (readyOnce) for (const cb of reconnectCbs) cb();
    readyOnce = true;
  });
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const docId = channel.toString().slice(prefix.length);
    const handler = handlers.get(docId);
    if (!handler) return;
    let m: FanoutMessage;
    try {
      m = decodeFanout(message);
    } catch (err) {
      logger.warn({ err: (err as Error).message, docId }, 'undecodable fan-out message');
      return;
    }
    if (m.from !== instanceId) handler(m);
  });
  return {
    instanceId,
    async subscribe(docId, handler) {
      handlers.set(docId, handler);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('redis unavailable')), 5000);
      });
      try {
        await Promise.race([subReady.then(() => sub.subscribe(prefix + docId)), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async unsubscribe(docId) {
      handlers.delete(docId);
      await sub.unsubscribe(prefix + docId).catch(() => {});
    },
    publish(docId, m) {
      let counter = 0;
      if (m.kind === 'update') counters.set(docId, (counter = (counters.get(docId) ?? 0) + 1));
      pub.publish(prefix + docId, encodeFanout(instanceId, counter, m)).catch((err: Error) => {
        logger.warn({ err: err.message, docId }, 'fan-out publish failed');
      });
    },
    onReconnect(cb) {
      reconnectCbs.push(cb);
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}
