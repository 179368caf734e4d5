import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../storage/test-databases.ts';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

describe.each(BACKENDS)('credentials vault on %s', (dialect) => {
  let api: TestApi;
  let owner: TestClient;
  let other: TestClient;
  let otherId: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    owner = new TestClient(api.url);
    await owner.register('owner@example.com');
    other = new TestClient(api.url);
    otherId = (await other.register('other@example.com')).id;
  });
  afterAll(() => api?.close());

  it('stores secrets encrypted and never returns them, not even masked', async () => {
    const secret = 'sk-super-secret-value-123';
    const res = await owner.post('/api/credentials', {
      name: 'OpenAI',
      type: 'openAiApi',
      data: { apiKey: secret, url: 'https://api.example.com/v1' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: 'OpenAI',
      type: 'openAiApi',
      data: { url: 'https://api.example.com/v1' },
      secretFields: ['apiKey'],
    });
    expect(res.text).not.toContain(secret);
    expect(res.json.data.apiKey).toBeUndefined();
    for (const r of [
      await owner.get(`/api/credentials/${res.json.id}`),
      await owner.get('/api/credentials'),
    ]) {
      expect(r.status).toBe(200);
      expect(r.text).not.toContain(secret);
    }
    const row = await api.runtime.storage.credentials.byId(res.json.id);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row!.keyId).toBe(api.runtime.deps.keyring.currentId);
    const used = await api.runtime.deps.credentials.decryptForUse(
      res.json.id,
      (await owner.get('/api/users/me')).json.id,
    );
    expect(used.data).toEqual({ apiKey: secret, url: 'https://api.example.com/v1' });
  });

  it('validates data per type', async () => {
    const missing = await owner.post('/api/credentials', {
      name: 'x',
      type: 'httpBasicAuth',
      data: { user: 'u' },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details[0].path).toBe('data.password');
    const extra = await owner.post('/api/credentials', {
      name: 'x',
      type: 'httpBearerAuth',
      data: { token: 't', evil: 1 },
    });
    expect(extra.status).toBe(400);
    const unknownType = await owner.post('/api/credentials', { name: 'x', type: 'ftp', data: {} });
    expect(unknownType.status).toBe(400);
    const port = await owner.post('/api/credentials', {
      name: 'db',
      type: 'mySql',
      data: { host: 'h', port: 'x', database: 'd', user: 'u' },
    });
    expect(port.status).toBe(400);
  });

  it('updates non-secret fields while keeping the secret, and replaces the secret when given', async () => {
    const c = await owner.post('/api/credentials', {
      name: 'hdr',
      type: 'httpHeaderAuth',
      data: { name: 'X-Key', value: 'v1' },
    });
    const ownerId = c.json.ownerId;
    const renamed = await owner.put(`/api/credentials/${c.json.id}`, {
      name: 'hdr2',
      data: { name: 'X-Other' },
    });
    expect(renamed.json).toMatchObject({ name: 'hdr2', data: { name: 'X-Other' } });
    expect((await api.runtime.deps.credentials.decryptForUse(c.json.id, ownerId)).data).toEqual({
      name: 'X-Other',
      value: 'v1',
    });
    await owner.put(`/api/credentials/${c.json.id}`, { data: { value: 'v2' } });
    expect((await api.runtime.deps.credentials.decryptForUse(c.json.id, ownerId)).data.value).toBe('v2');
  });

  it("hides another user's credential (404), and sharing grants use but not change", async () => {
    const c = await owner.post('/api/credentials', {
      name: 'bearer',
      type: 'httpBearerAuth',
      data: { token: 'tok' },
    });
    for (const r of [
      await other.get(`/api/credentials/${c.json.id}`),
      await other.put(`/api/credentials/${c.json.id}`, { name: 'stolen' }),
      await other.delete(`/api/credentials/${c.json.id}`),
    ]) {
      expect(r.status).toBe(404);
    }
    expect((await other.get('/api/credentials')).json.data).toHaveLength(0);
    await expect(api.runtime.deps.credentials.decryptForUse(c.json.id, otherId)).rejects.toThrow(
      /not available/,
    );
    expect((await owner.put(`/api/credentials/${c.json.id}/shares`, { userIds: [otherId] })).status).toBe(
      200,
    );
    const seen = await other.get(`/api/credentials/${c.json.id}`);
    expect(seen.json).toMatchObject({ shared: true, name: 'bearer' });
    expect(seen.text).not.toContain('tok"');
    expect((await other.put(`/api/credentials/${c.json.id}`, { name: 'stolen' })).status).toBe(403);
    expect((await other.put(`/api/credentials/${c.json.id}/shares`, { userIds: [] })).status).toBe(403);
    expect((await api.runtime.deps.credentials.decryptForUse(c.json.id, otherId)).data.token).toBe('tok');
    expect((await owner.put(`/api/credentials/${c.json.id}/shares`, { userIds: ['nobody'] })).status).toBe(
      400,
    );
    expect((await owner.delete(`/api/credentials/${c.json.id}`)).status).toBe(200);
    expect((await owner.get(`/api/credentials/${c.json.id}`)).status).toBe(404);
  });
});
