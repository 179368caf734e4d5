import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from './store.ts';

function update(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/**
 * The contract every DocumentStore implementation must pass (vitest). `makeStore` returns a fresh, empty store
 * and optionally a cleanup.
 * @example runDocumentStoreContract('sqlite', async () => ({ store: sqlDocumentStore(conn) }))
 */
export function runDocumentStoreContract(
  name: string,
  makeStore: () => Promise<{ store: DocumentStore; cleanup?: () => Promise<void> }>,
): void {
  const withStore = (fn: (s: DocumentStore) => Promise<void>) => async () => {
    const { store, cleanup } = await makeStore();
    try {
      await fn(store);
    } finally {
      await cleanup?.();
    }
  };

  describe(`DocumentStore contract: ${name}`, () => {
    it(
      'unknown document loads empty',
      withStore(async (s) => {
        expect(await s.loadDocument('none')).toEqual({ snapshot: null, version: 0, updates: [] });
      }),
    );

    it(
      'appends return increasing seqs and load returns the bytes in order, per document',
      withStore(async (s) => {
        const [ua, ub, uc] = [update('a'), update('b'), update('c')];
        const a = await s.appendUpdate('d1', ua, { userId: 'u1' });
        const b = await s.appendUpdate('d2', ub, { userId: null });
        const c = await s.appendUpdate('d1', uc, { userId: 'u2' });
        expect(a).toBeLessThan(b);
        expect(b).toBeLessThan(c);
        const d1 = await s.loadDocument('d1');
        expect(d1.updates.map((u) => u.seq)).toEqual([a, c]);
        expect(d1.updates.map((u) => [...u.update])).toEqual([[...ua], [...uc]]);
        expect(d1.updates.map((u) => u.userId)).toEqual(['u1', 'u2']);
        expect(d1.updates[0].update).toBeInstanceOf(Uint8Array);
        expect(typeof d1.updates[0].createdAt).toBe('number');
      }),
    );

    it(
      'compact deletes exactly the listed rows, keeps older unlisted ones, and is compare-and-swap',
      withStore(async (s) => {
        const s1 = await s.appendUpdate('d', update('1'), { userId: 'u' });
        const s2 = await s.appendUpdate('d', update('2'), { userId: 'u' });
        const s3 = await s.appendUpdate('d', update('3'), { userId: 'u' });
        const snap = new Uint8Array([1, 2, 3]);
        // s1 is not listed (think: committed late): it must survive even though s1 < version
        expect(
          await s.compact('d', { snapshot: snap, expectedVersion: 0, version: s3, seqs: [s2, s3] }),
        ).toBe(true);
        let d = await s.loadDocument('d');
        expect([...(d.snapshot ?? [])]).toEqual([1, 2, 3]);
        expect(d.version).toBe(s3);
        expect(d.updates.map((u) => u.seq)).toEqual([s1]);
        const stale = { snapshot: new Uint8Array([9]), expectedVersion: 0, version: s3 + 1, seqs: [s1] };
        expect(await s.compact('d', stale)).toBe(false);
        d = await s.loadDocument('d');
        expect([...(d.snapshot ?? [])]).toEqual([1, 2, 3]);
        expect(d.updates.map((u) => u.seq)).toEqual([s1]);
        const s4 = await s.appendUpdate('d', update('4'), { userId: 'u' });
        expect(s4).toBeGreaterThan(s3);
        expect(
          await s.compact('d', {
            snapshot: new Uint8Array([7]),
            expectedVersion: s3,
            version: s4,
            seqs: [s1, s4],
          }),
        ).toBe(true);
        d = await s.loadDocument('d');
        expect(d.updates).toEqual([]);
        expect(d.version).toBe(s4);
      }),
    );

    it(
      'activity lists every update newest first, survives compaction, pages with beforeSeq',
      withStore(async (s) => {
        const seqs: number[] = [];
        const updates = ['a', 'b', 'c'].map((u) => [u, update(u)] as const);
        for (const [u, bytes] of updates)
          seqs.push(await s.appendUpdate('d', bytes, { userId: `user-${u}` }));
        await s.compact('d', { snapshot: new Uint8Array([1]), expectedVersion: 0, version: seqs[2], seqs });
        const all = await s.listActivity('d');
        expect(all.map((a) => a.userId)).toEqual(['user-c', 'user-b', 'user-a']);
        expect(all[0].bytes).toBe(updates[2][1].byteLength);
        const page = await s.listActivity('d', { beforeSeq: seqs[2], limit: 1 });
        expect(page.map((a) => a.seq)).toEqual([seqs[1]]);
        expect(await s.listActivity('other')).toEqual([]);
      }),
    );

    it(
      'deleteDocument removes snapshot, log and activity',
      withStore(async (s) => {
        const q = await s.appendUpdate('d', update('x'), { userId: 'u' });
        await s.compact('d', { snapshot: new Uint8Array([1]), expectedVersion: 0, version: q, seqs: [q] });
        await s.appendUpdate('d', update('y'), { userId: 'u' });
        await s.deleteDocument('d');
        expect(await s.loadDocument('d')).toEqual({ snapshot: null, version: 0, updates: [] });
        expect(await s.listActivity('d')).toEqual([]);
      }),
    );

    it(
      'a large (1 MiB) update round-trips byte for byte',
      withStore(async (s) => {
        const big = new Uint8Array(1024 * 1024).map((_, i) => (i * 7) % 256);
        await s.appendUpdate('big', big, { userId: null });
        const d = await s.loadDocument('big');
        expect(d.updates[0].update.byteLength).toBe(big.byteLength);
        expect(Buffer.compare(Buffer.from(d.updates[0].update), Buffer.from(big))).toBe(0);
      }),
    );
  });
}
