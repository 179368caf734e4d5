import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { type ServerType, serve } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from './deps.ts';
import { serveClient } from './static.ts';

const script = `export const answer = ${'42 + '.repeat(400)}0;\n`;
let dir: string;
let server: ServerType;
let port: number;

/** A raw GET (node:http does not decode bodies): status, headers and the bytes as sent. */
function get(urlPath: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tandem-static-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Tandem</title>');
  writeFileSync(path.join(dir, 'assets/app-1a2b.js'), script);
  writeFileSync(path.join(dir, 'assets/app-1a2b.js.br'), brotliCompressSync(script));
  writeFileSync(path.join(dir, 'assets/app-1a2b.js.gz'), gzipSync(script));
  writeFileSync(path.join(dir, 'assets/plain-3c4d.js'), script);
  const app = new OpenAPIHono<AppEnv>();
  serveClient(app, dir);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the built client', () => {
  it('sends the brotli copy of an asset to a browser that accepts it, cached for a year', async () => {
    const res = await get('/assets/app-1a2b.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.length).toBeLessThan(script.length / 5);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('falls back to gzip, then to the file itself', async () => {
    const gz = await get('/assets/app-1a2b.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const raw = await get('/assets/app-1a2b.js');
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.headers.vary).toMatch(/Accept-Encoding/);
    expect(raw.body.toString()).toBe(script);

    const noCopy = await get('/assets/plain-3c4d.js', { 'accept-encoding': 'br' });
    expect(noCopy.headers['content-encoding']).toBeUndefined();
    expect(noCopy.body.toString()).toBe(script);
  });

  it('answers 404 for a missing asset, never caching it, and keeps traversal inside the build', async () => {
    const missing = await get('/assets/gone-0000.js', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();

    for (const p of [
      '/assets/../../../etc/passwd',
      '/assets/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2fetc%2fpasswd',
    ]) {
      const res = await get(p);
      expect(res.body.toString()).not.toMatch(/root:/);
    }
  });

  it('serves index.html for client routes, revalidated on every load', async () => {
    const res = await get('/workflows/abc123');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('<title>Tandem</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
