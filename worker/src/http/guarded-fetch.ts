import { httpRequest } from './http-client.ts';
import type { SsrfPolicy } from './ssrf-guard.ts';

export interface GuardedFetchOptions {
  ssrf?: SsrfPolicy;
  /** Per-request deadline in ms (default 300,000). */
  timeoutMs?: number;
  maxResponseBytes?: number;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` with the SSRF guard on the URL, every resolved address and every redirect hop — what the worker
 * passes as `EngineServices.fetch` so every node's outgoing HTTP obeys the admin's network policy.
 *
 * @example
 * const fetch = createGuardedFetch({ ssrf: { allowPrivateNetworks: false } });
 * const res = await fetch('https://api.example.com/x'); await res.json();
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const res = await httpRequest({
      method: request.method,
      url: request.url,
      headers,
      body,
      signal: init?.signal ?? undefined,
      followRedirects: request.redirect !== 'manual',
      ssrf: options.ssrf,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
    });
    const out = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      // The body is already decompressed; the original encoding and length no longer describe it.
      if (value === undefined || key === 'content-encoding' || key === 'content-length') continue;
      for (const v of Array.isArray(value) ? value : [value]) out.append(key, v);
    }
    const response = new Response(NULL_BODY.has(res.statusCode) ? null : new Uint8Array(res.body), {
      status: res.statusCode,
      statusText: res.statusMessage,
      headers: out,
    });
    Object.defineProperty(response, 'url', { value: res.url });
    return response;
  };
}
