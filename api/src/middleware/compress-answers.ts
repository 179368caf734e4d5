import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';

const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /^application\/(?:[\w.+-]*\+)?(?:json|octet-stream)\b/i;
const ACCEPTS_GZIP = /(?:^|,)\s*(?:gzip|\*)\s*(?:;\s*q\s*=\s*(?:1(?:\.0*)?|0?\.\d*[1-9]\d*)\s*)?(?:,|$)/i;

/**
 * JSON and binary answers of `threshold` bytes or more leave gzip-compressed when the caller accepts gzip (node
 * descriptions are ~100 KB of JSON, a 200-node document state ~60 KB), compressed on libuv's thread pool so the
 * event loop does not wait. Small answers go as they are (gzip would cost more than it saves); event streams are
 * never buffered (their type is not matched). Not hono/compress: it judges the size by Content-Length, which
 * `c.json` answers do not carry, so it compressed every answer however small.
 */
export function compressAnswers(threshold = 1024): MiddlewareHandler<AppEnv> {
  return async function compressAnswers(c, next) {
    await next();
    const res = c.res;
    if (!res.body || c.req.method === 'HEAD' || res.status === 206 || res.headers.has('content-encoding'))
      return;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
    if (/\bno-transform\b/i.test(res.headers.get('cache-control') ?? '')) return;
    const vary = res.headers.get('vary');
    if (!vary || !/\baccept-encoding\b/i.test(vary))
      c.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (!ACCEPTS_GZIP.test(c.req.header('accept-encoding') ?? '')) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(c.res.headers);
    if (body.length < threshold) {
      c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
      return;
    }
    headers.set('content-encoding', 'gzip');
    headers.delete('content-length');
    const etag = headers.get('etag');
    if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
    c.res = new Response(await gzipAsync(body), { status: res.status, statusText: res.statusText, headers });
  };
}
