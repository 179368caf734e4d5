import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiUrl, toApiError } from './client.ts';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(status === 204 ? null : body, { status, headers });
  });
  return calls;
}

describe('api client', () => {
  it('builds /api URLs with a query string, skipping empty values', () => {
    expect(apiUrl('/workflows', { name: 'a b', cursor: null, limit: 10, x: '' })).toBe(
      '/api/workflows?name=a+b&limit=10',
    );
    expect(apiUrl('users/me')).toBe('/api/users/me');
    expect(apiUrl('/api/health')).toBe('/api/health');
  });

  it('sends JSON with the same-origin cookie and parses the answer', async () => {
    const calls = stubFetch(201, '{"id":"w1"}');
    await expect(api('/workflows', { method: 'POST', body: { name: 'x' } })).resolves.toEqual({ id: 'w1' });
    expect(calls[0].url).toBe('/api/workflows');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect(calls[0].init.body).toBe('{"name":"x"}');
    expect((calls[0].init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('turns {error} bodies into typed errors with field messages', async () => {
    stubFetch(
      400,
      JSON.stringify({
        error: {
          code: 'validation_failed',
          message: 'Invalid body',
          details: [{ path: ['email'], message: 'bad email' }],
        },
      }),
    );
    const err = (await api('/auth/register', { body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', message: 'Invalid body' });
    expect(err.fieldErrors()).toEqual({ email: 'bad email' });
  });

  it('copes with non-JSON error pages and empty answers', async () => {
    stubFetch(502, '<html>bad gateway</html>');
    await expect(api('/x')).rejects.toMatchObject({ status: 502, code: 'server_error' });
    stubFetch(204, '');
    await expect(api('/x', { method: 'DELETE' })).resolves.toBeUndefined();
    stubFetch(429, '');
    await expect(api('/x')).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('reports network failures as network_error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api('/x')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('reads field errors from zod-style {issues} and string paths', () => {
    expect(
      toApiError(400, {
        error: { code: 'x', message: 'm', details: { issues: [{ path: ['a', 0], message: 'no' }] } },
      }).fieldErrors(),
    ).toEqual({ 'a.0': 'no' });
    expect(
      toApiError(400, {
        error: { code: 'x', message: 'm', details: [{ path: 'members', message: 'unknown user' }] },
      }).fieldErrors(),
    ).toEqual({ members: 'unknown user' });
    expect(toApiError(401, null)).toMatchObject({ code: 'unauthenticated' });
  });
});
