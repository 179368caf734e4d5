/**
 * A collab-server process over the SQL store, for the kill -9 durability test and the benchmark.
 * Usage: node collab-child.ts <sqlite-file> [port]. Prints `{"port":N}` once listening.
 * Every token is accepted as user `u-<token>` with editor rights (auth is not what this process tests).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCollabServer } from '@tandem/collab-server';
import { createStorage } from '../storage/index.ts';

const [file, port] = process.argv.slice(2);
const storage = await createStorage({ dialect: 'sqlite', file });
const collab = createCollabServer({
  store: storage.documents,
  authenticate: async (req) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
    return token ? { userId: `u-${token}`, name: token } : null;
  },
  authorize: async () => 'editor',
});
const http = createServer((_req, res) => res.writeHead(404).end());
http.on('upgrade', (req, socket, head) => void collab.handleUpgrade(req, socket, head));
http.listen(Number(port ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`);
});
