import { newId } from '@tandem/shared/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, type Storage } from './index.ts';
import { BACKENDS, freshDatabase, type TestDatabase } from './test-databases.ts';

describe.each(BACKENDS)('storage on %s', (dialect) => {
  let tdb: TestDatabase;
  let s: Storage;
  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
    s = await createStorage(tdb.target);
  });
  afterAll(async () => {
    await s?.close();
    await tdb?.drop();
  });

  const user = (email: string) => ({
    id: newId(),
    email,
    name: 'N',
    passwordHash: 'h',
    role: 'member' as const,
    createdAt: Date.now(),
    updatedAt: Date.now(),
  });

  it('applies migrations idempotently when opened twice', async () => {
    const again = await createStorage(tdb.target);
    expect(await again.users.count()).toBe(await s.users.count());
    await again.close();
  });

  it('stores users and rejects a duplicate email', async () => {
    const u = await s.users.create(user('a@example.com'));
    expect((await s.users.byEmail('a@example.com'))?.id).toBe(u.id);
    await expect(s.users.create(user('a@example.com'))).rejects.toThrow();
  });

  it('stores SQL-injection-looking strings verbatim', async () => {
    const evil = `Robert'); DROP TABLE users;-- "x" \\ %_`;
    const u = await s.users.create({ ...user('b@example.com'), name: evil });
    expect((await s.users.byId(u.id))?.name).toBe(evil);
    expect(await s.users.count()).toBeGreaterThanOrEqual(2);
  });

  it('joins sessions with users, extends and revokes them', async () => {
    const u = await s.users.create(user('c@example.com'));
    await s.sessions.create({
      id: 'sess1',
      userId: u.id,
      expiresAt: Date.now() + 1000,
      createdAt: Date.now(),
    });
    await s.sessions.create({
      id: 'sess2',
      userId: u.id,
      expiresAt: Date.now() + 1000,
      createdAt: Date.now(),
    });
    expect((await s.sessions.withUser('sess1'))?.user.email).toBe('c@example.com');
    await s.sessions.extend('sess1', 42);
    expect((await s.sessions.withUser('sess1'))?.session.expiresAt).toBe(42);
    await s.sessions.deleteForUser(u.id, 'sess1');
    expect(await s.sessions.withUser('sess2')).toBeUndefined();
    expect(await s.sessions.withUser('sess1')).toBeDefined();
  });

  it('lists only visible workflows with cursor pagination and a name filter', async () => {
    const owner = await s.users.create(user('owner@example.com'));
    const other = await s.users.create(user('other@example.com'));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const wf = await s.workflows.create({
        id: newId(),
        name: `Flow ${i} 100%_off`,
        ownerId: owner.id,
        createdAt: 1000 + i,
        updatedAt: 1000 + i,
        publishedVersionId: null,
        archived: false,
      });
      ids.push(wf.id);
    }
    const page1 = await s.workflows.list({ userId: owner.id, limit: 2 });
    expect(page1.map((w) => w.id)).toEqual([ids[4], ids[3]]);
    const last = page1[1]!;
    const page2 = await s.workflows.list({ userId: owner.id, limit: 10, cursor: last });
    expect(page2.map((w) => w.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(await s.workflows.list({ userId: other.id, limit: 10 })).toEqual([]);
    expect(
      (await s.workflows.list({ userId: owner.id, limit: 10, name: '3 100%_' })).map((w) => w.id),
    ).toEqual([ids[3]]);
    expect(await s.workflows.list({ userId: owner.id, limit: 10, name: 'zz%' })).toHaveLength(0);
    expect(await s.workflows.list({ userId: owner.id, limit: 10, name: '!' })).toHaveLength(0);
    await s.workflows.setMembers(ids[0]!, [{ userId: other.id, role: 'viewer' }]);
    expect(await s.workflows.roleOf(ids[0]!, other.id)).toBe('viewer');
    expect((await s.workflows.list({ userId: other.id, limit: 10 })).map((w) => w.id)).toEqual([ids[0]]);
    await s.workflows.setMembers(ids[0]!, [{ userId: owner.id, role: 'viewer' }]);
    expect(await s.workflows.roleOf(ids[0]!, owner.id)).toBe('owner');
    expect(await s.workflows.roleOf(ids[0]!, other.id)).toBeUndefined();
  });

  it('numbers versions per workflow, also under concurrent publishing', async () => {
    const wfId = newId();
    const made = await Promise.all([1, 2, 3, 4].map(() => s.versions.create(wfId, '{}', 'u')));
    expect(made.map((v) => v.number).sort()).toEqual([1, 2, 3, 4]);
    expect((await s.versions.list(wfId)).map((v) => v.number)).toEqual([4, 3, 2, 1]);
    expect((await s.versions.byNumber(wfId, 2))?.workflowJson).toBe('{}');
  });

  it('stores instance settings over defaults', async () => {
    expect((await s.settings.get()).registrationOpen).toBe(true);
    await s.settings.set({ registrationOpen: false });
    await s.settings.set({ registrationOpen: false, timezone: 'Europe/Berlin' });
    expect(await s.settings.get()).toMatchObject({ registrationOpen: false, timezone: 'Europe/Berlin' });
  });
});
