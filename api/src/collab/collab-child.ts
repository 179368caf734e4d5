/**
 * A collab-server process over the SQL store, for the kill -9 durability test and `bench/collab`.
 * Usage: node collab-child.ts '{"db":{"dialect":"sqlite","file":"/tmp/x.db"},"port":0,"redis":{"url":"…","prefix":"…"}}'
 * Prints `{"port":N}` once listening. Every token is accepted as user `u-<token>` with editor rights (auth is not
 * what this process is for).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCollabServer } from '@tandem/collab-server';
import { createStorage, type DatabaseTarget } from '../storage/index.ts';

type ChildConfig = { db: DatabaseTarget; port?: number; redis?: { url: string; prefix?: string } };

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const storage = await createStorage(config.db);
const collab = createCollabServer({
  store: storage.documents,
  redis: config.redis,
  authenticate: async (req) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
    return token ? { userId: `u-${token}`, name: token } : null;
  },
  authorize: async () => 'editor',
});
const http = createServer((_req, res) => res.writeHead(404).end());
http.on('upgrade', (req, socket, head) => void collab.handleUpgrade(req, socket, head));
http.listen(config.port ?? 0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', async () => {
  await collab.close();
  // no storage.close(): better-sqlite3 statements finalized during process teardown can abort the process
  process.exit(0);
});
