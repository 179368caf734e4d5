import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdOf } from '../auth/sessions.ts';
import { BACKENDS } from '../storage/test-databases.ts';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

describe.each(BACKENDS)('auth, users and API keys on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  afterAll(() => api?.close());

  it('answers health without auth', async () => {
    const res = await new TestClient(api.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      status: 'ok',
      mode: dialect === 'mysql' ? 'production' : 'embedded',
      version: '0.1.0',
    });
  });

  it('makes the first user admin, later ones members, and sets an HttpOnly SameSite=Lax cookie', async () => {
    const a = new TestClient(api.url);
    const res = await a.post('/api/auth/register', {
      email: 'Admin@Example.com',
      password: 'correct horse battery',
      name: 'Ada',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ email: 'admin@example.com', name: 'Ada', role: 'admin' });
    expect(res.json.passwordHash).toBeUndefined();
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = a.cookie.split('=')[1]!;
    const stored = await api.runtime.storage.sessions.withUser(sessionIdOf(token));
    expect(stored?.session.id).not.toBe(token);
    const b = new TestClient(api.url);
    expect((await b.register('member@example.com')).role).toBe('member');
    expect((await b.get('/api/users/me')).json).toMatchObject({
      email: 'member@example.com',
      role: 'member',
    });
    const dup = await new TestClient(api.url).post('/api/auth/register', {
      email: 'member@example.com',
      password: 'another password',
      name: 'X',
    });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('conflict');
  });

  it('logs in, logs out, and refuses a wrong password without saying which part was wrong', async () => {
    const c = new TestClient(api.url);
    await c.register('login@example.com', 'L', 'first password 1');
    await c.post('/api/auth/logout');
    expect((await c.get('/api/users/me')).status).toBe(401);
    const bad = await c.post('/api/auth/login', { email: 'login@example.com', password: 'nope nope' });
    expect(bad.status).toBe(401);
    const unknown = await c.post('/api/auth/login', { email: 'nobody@example.com', password: 'nope nope' });
    expect(unknown.json.error.message).toBe(bad.json.error.message);
    expect(
      (await c.post('/api/auth/login', { email: 'LOGIN@example.com', password: 'first password 1' })).status,
    ).toBe(200);
    expect((await c.get('/api/users/me')).status).toBe(200);
  });

  it('refuses missing, forged and expired session cookies', async () => {
    const c = new TestClient(api.url);
    const user = await c.register('expire@example.com');
    expect((await new TestClient(api.url).get('/api/users/me')).json.error.code).toBe('unauthenticated');
    const forged = new TestClient(api.url);
    forged.cookie = 'tandem_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    expect((await forged.get('/api/users/me')).status).toBe(401);
    forged.cookie = `tandem_session=${"'; drop table sessions;--"}`;
    expect((await forged.get('/api/users/me')).status).toBe(401);
    const token = c.cookie.split('=')[1]!;
    await api.runtime.storage.sessions.extend(sessionIdOf(token), Date.now() - 1);
    expect((await c.get('/api/users/me')).status).toBe(401);
    expect(await api.runtime.storage.sessions.withUser(sessionIdOf(token))).toBeUndefined();
    expect(user.id).toBeTruthy();
  });

  it('slides the session expiry forward when it is more than half used', async () => {
    const c = new TestClient(api.url);
    await c.register('slide@example.com');
    const id = sessionIdOf(c.cookie.split('=')[1]!);
    await api.runtime.storage.sessions.extend(id, Date.now() + 1000);
    expect((await c.get('/api/users/me')).status).toBe(200);
    const after = await api.runtime.storage.sessions.withUser(id);
    expect(after!.session.expiresAt).toBeGreaterThan(Date.now() + 24 * 3600_000);
  });

  it('changes the password only with the current one, and then revokes the other sessions', async () => {
    const c1 = new TestClient(api.url);
    await c1.register('pw@example.com', 'P', 'old password 123');
    const c2 = new TestClient(api.url);
    await c2.post('/api/auth/login', { email: 'pw@example.com', password: 'old password 123' });
    expect((await c1.put('/api/users/me', { password: 'new password 456' })).status).toBe(400);
    expect((await c1.put('/api/users/me', { email: 'hijacked@example.com' })).status).toBe(403);
    expect(
      (await c1.put('/api/users/me', { email: 'hijacked@example.com', currentPassword: 'wrong' })).status,
    ).toBe(403);
    expect(
      (await c1.put('/api/users/me', { password: 'new password 456', currentPassword: 'wrong' })).status,
    ).toBe(403);
    const ok = await c1.put('/api/users/me', {
      password: 'new password 456',
      currentPassword: 'old password 123',
      name: 'Pat',
    });
    expect(ok.status).toBe(200);
    expect(ok.json.name).toBe('Pat');
    expect((await c1.get('/api/users/me')).status).toBe(200);
    expect((await c2.get('/api/users/me')).status).toBe(401);
    expect(
      (await c2.post('/api/auth/login', { email: 'pw@example.com', password: 'new password 456' })).status,
    ).toBe(200);
  });

  it('refuses cookie-authenticated writes from another origin', async () => {
    const c = new TestClient(api.url);
    await c.register('origin@example.com');
    const evil = await c.put('/api/users/me', { name: 'Mallory' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.json.error.code).toBe('origin_mismatch');
    const none = await c.request('PUT', '/api/users/me', { name: 'Mallory' }, { origin: '' });
    expect(none.status).toBe(403);
    expect((await c.get('/api/users/me')).json.name).not.toBe('Mallory');
  });

  it('creates API keys shown once, accepts them as Bearer, records last use, and revokes them', async () => {
    const c = new TestClient(api.url);
    const me = await c.register('keys@example.com');
    const created = await c.post('/api/api-keys', { name: 'ci' });
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^tdm_[a-z2-7]{32}$/);
    const list = await c.get('/api/api-keys');
    expect(list.json.data).toHaveLength(1);
    expect(JSON.stringify(list.json)).not.toContain(created.json.key);
    const bearer = new TestClient(api.url, { authorization: `Bearer ${created.json.key}` });
    expect((await bearer.get('/api/users/me')).json.id).toBe(me.id);
    // An API key is no browser: no Origin needed on writes.
    expect((await bearer.request('PUT', '/api/users/me', { name: 'Bot' }, { origin: '' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect((await c.get('/api/api-keys')).json.data[0].lastUsedAt).not.toBeNull();
    expect((await bearer.post('/api/api-keys', { name: 'nested' })).status).toBe(403);
    expect((await c.delete(`/api/api-keys/${created.json.id}`)).status).toBe(200);
    const revoked = await bearer.get('/api/users/me');
    expect(revoked.status).toBe(401);
    expect(revoked.json.error.message).toMatch(/revoked/);
    expect((await c.delete(`/api/api-keys/${created.json.id}`)).status).toBe(404);
    const other = new TestClient(api.url);
    await other.register('keys2@example.com');
    const theirs = await other.post('/api/api-keys', { name: 'theirs' });
    expect((await c.delete(`/api/api-keys/${theirs.json.id}`)).status).toBe(404);
    expect(
      (await new TestClient(api.url, { authorization: 'Bearer tdm_forged' }).get('/api/users/me')).status,
    ).toBe(401);
    expect((await new TestClient(api.url, { authorization: 'Basic abc' }).get('/api/users/me')).status).toBe(
      401,
    );
  });

  it('lets an admin close self-registration', async () => {
    const admin = new TestClient(api.url);
    await admin.post('/api/auth/login', { email: 'admin@example.com', password: 'correct horse battery' });
    const member = new TestClient(api.url);
    await member.post('/api/auth/login', { email: 'member@example.com', password: 'correct horse battery' });
    expect((await member.put('/api/settings', { registrationOpen: false })).status).toBe(403);
    expect((await admin.put('/api/settings', { registrationOpen: false })).json.registrationOpen).toBe(false);
    const late = await new TestClient(api.url).post('/api/auth/register', {
      email: 'late@example.com',
      password: 'late password',
      name: 'L',
    });
    expect(late.status).toBe(403);
    await admin.put('/api/settings', { registrationOpen: true });
    expect((await admin.put('/api/settings', { bogus: 1 })).status).toBe(400);
  });

  it('locks an account after repeated failures, with Retry-After, and other accounts still sign in', async () => {
    const c = new TestClient(api.url);
    await c.register('lock@example.com', 'L', 'the real password');
    for (let i = 0; i < 5; i++) {
      expect(
        (await c.post('/api/auth/login', { email: 'lock@example.com', password: `wrong ${i}` })).status,
      ).toBe(401);
    }
    const locked = await c.post('/api/auth/login', {
      email: 'lock@example.com',
      password: 'the real password',
    });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await c.post('/api/auth/login', { email: 'login@example.com', password: 'first password 1' })).status,
    ).toBe(200);
    await api.runtime.deps.rateLimiter.reset('loginfail:lock@example.com:127.0.0.1');
    await api.runtime.deps.rateLimiter.reset('loginfail:lock@example.com');
    expect(
      (await c.post('/api/auth/login', { email: 'lock@example.com', password: 'the real password' })).status,
    ).toBe(200);
  });

  it('limits sign-in attempts per address and recovers after the window', async () => {
    const small = await startTestApi(dialect, { AUTH_RATE_LIMIT: '3' });
    try {
      const c = new TestClient(small.url);
      for (let i = 0; i < 3; i++)
        expect(
          (await c.post('/api/auth/login', { email: 'x@example.com', password: 'whatever' })).status,
        ).toBe(401);
      const tripped = await c.post('/api/auth/login', { email: 'x@example.com', password: 'whatever' });
      expect(tripped.status).toBe(429);
      expect(tripped.headers.get('retry-after')).toBeTruthy();
      await small.runtime.deps.rateLimiter.reset('login:127.0.0.1');
      expect((await c.post('/api/auth/login', { email: 'x@example.com', password: 'whatever' })).status).toBe(
        401,
      );
    } finally {
      await small.close();
    }
  });

  it('locks sign-in per account and address, so others cannot lock you out from elsewhere', async () => {
    const proxied = await startTestApi(dialect, { TRUST_PROXY: 'true' });
    try {
      const owner = new TestClient(proxied.url, { 'x-forwarded-for': '10.0.0.1' });
      await owner.register('victim@example.com', 'V', 'the real password');
      const attacker = new TestClient(proxied.url, { 'x-forwarded-for': '203.0.113.9' });
      for (let i = 0; i < 6; i++)
        await attacker.post('/api/auth/login', { email: 'victim@example.com', password: `guess ${i}` });
      expect(
        (
          await attacker.post('/api/auth/login', {
            email: 'victim@example.com',
            password: 'the real password',
          })
        ).status,
      ).toBe(429);
      expect(
        (await owner.post('/api/auth/login', { email: 'victim@example.com', password: 'the real password' }))
          .status,
      ).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('makes exactly one admin when the first registrations race', async () => {
    const fresh = await startTestApi(dialect);
    try {
      const results = await Promise.all(
        [0, 1, 2, 3].map((i) => new TestClient(fresh.url).register(`racer${i}@example.com`)),
      );
      expect(results.filter((u) => u.role === 'admin')).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});
