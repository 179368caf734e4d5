import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from './connection.ts';
import { type CollabServerOptions, createCollabServer } from './server.ts';
import { createMemoryDocumentStore, type DocumentStore } from './store.ts';

/** Users by token; roles by `${userId}:${docId}`. Tests mutate `roles` to share/revoke. */
export type Acl = { users: Map<string, string>; roles: Map<string, Role> };

export function makeAcl(): Acl {
  return { users: new Map(), roles: new Map() };
}

export type Instance = {
  url: string;
  http: Server;
  collab: ReturnType<typeof createCollabServer>;
  stop(opts?: { compact?: boolean }): Promise<void>;
};

/** Starts a collab-server on an http server bound to port 0 (auth by `token` query param via the ACL). */
export async function startInstance(
  store: DocumentStore,
  acl: Acl,
  extra: Partial<CollabServerOptions> = {},
): Promise<Instance> {
  const collab = createCollabServer({
    store,
    authenticate: async (req: IncomingMessage) => {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
      const userId = token ? acl.users.get(token) : undefined;
      return userId ? { userId, name: `Name of ${userId}` } : null;
    },
    authorize: async (userId, docId) => acl.roles.get(`${userId}:${docId}`) ?? null,
    limits: { authRecheckMs: 200, presenceIntervalMs: 20, ...extra.limits },
    ...extra,
  });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => void collab.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/collab`;
  return {
    url,
    http,
    collab,
    async stop(opts) {
      await collab.close(opts);
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

export { createMemoryDocumentStore };

/** A stock y-websocket provider in Node. */
export function connectClient(url: string, docId: string, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(url, docId, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { token },
    disableBc: true,
    maxBackoffTime: 300,
  });
  return { doc, provider };
}

/** Polls until `fn` returns truthy (no sleeping in tests). */
export async function until<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Raw socket for protocol-level tests. Resolves with the socket or the HTTP status of a refused upgrade. */
export function rawSocket(
  url: string,
): Promise<{ ws: WebSocket; messages: Uint8Array[] } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const messages: Uint8Array[] = [];
    ws.binaryType = 'arraybuffer';
    ws.on('message', (d: ArrayBuffer) => messages.push(new Uint8Array(d)));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: -1 }));
  });
}

export { default as pino } from 'pino';
// Re-exported for bench/collab, which has no node_modules of its own and must share these module instances.
export { WebSocket } from 'ws';
export { WebsocketProvider } from 'y-websocket';
export * as Y from 'yjs';
