// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { earlyOr, takeEarly } from './early-requests.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  delete window.__tandemEarly;
});

describe('early requests', () => {
  it("answers the page's early response once, as api() would, then falls back to a request of its own", async () => {
    window.__tandemEarly = { meta: Promise.resolve(json({ id: 'w1' })) };
    expect(await earlyOr('meta', async () => ({ id: 'own' }))).toEqual({ id: 'w1' });
    expect(await earlyOr('meta', async () => ({ id: 'own' }))).toEqual({ id: 'own' });
    expect(takeEarly('meta')).toBeUndefined();
  });
  it('throws the ApiError of a refusal and makes its own request after a network failure', async () => {
    window.__tandemEarly = {
      me: Promise.resolve(json({ error: { code: 'unauthenticated', message: 'Signed out' } }, 401)),
      nodes: Promise.resolve(null),
    };
    await expect(earlyOr('me', async () => 'own')).rejects.toEqual(expect.any(ApiError));
    expect(await earlyOr('nodes', async () => 'own')).toBe('own');
  });
});
