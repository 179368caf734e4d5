import { trackDurability } from '@tandem/shared/doc';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryDocumentStore, type DocumentStore } from './store.ts';
import { connectClient, type Instance, makeAcl, startInstance, until } from './test-harness.test-util.ts';

let server: Instance | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A store whose appends wait until released: lets the test observe "not saved yet". */
function gatedStore(): DocumentStore & { release(): void } {
  const inner = createMemoryDocumentStore();
  let gate: (() => void) | null = null;
  let held: Promise<void> = Promise.resolve();
  return {
    ...inner,
    appendUpdate(docId, update, meta) {
      const wait = held;
      return wait.then(() => inner.appendUpdate(docId, update, meta));
    },
    release() {
      gate?.();
      gate = null;
    },
    hold() {
      held = new Promise<void>((r) => {
        gate = r;
      });
    },
  } as DocumentStore & { release(): void; hold(): void };
}

describe('saved indicator (trackDurability) with a stock provider', () => {
  it('is false while an edit is not committed and true once the server acknowledged it', async () => {
    const store = gatedStore() as ReturnType<typeof gatedStore> & { hold(): void };
    const acl = makeAcl();
    acl.users.set('t', 'u');
    acl.roles.set('u:doc', 'editor');
    server = await startInstance(store, acl);
    const c = connectClient(server.url, 'doc', 't');
    const states: boolean[] = [];
    const tracker = trackDurability(c.provider as never, (saved) => states.push(saved));
    await until(() => c.provider.synced && tracker.saved());
    store.hold();
    c.doc.getText('t').insert(0, 'a');
    c.doc.getText('t').insert(1, 'b');
    await new Promise((r) => setTimeout(r, 100));
    expect(tracker.saved()).toBe(false);
    store.release();
    await until(() => tracker.saved(), 3000, 'saved');
    expect(states.at(-1)).toBe(true);
    c.provider.destroy();
  });

  it('reports a refusal to a viewer and never claims saved', async () => {
    const acl = makeAcl();
    acl.users.set('t', 'v');
    acl.roles.set('v:doc', 'viewer');
    server = await startInstance(createMemoryDocumentStore(), acl);
    const c = connectClient(server.url, 'doc', 't');
    const notices: string[] = [];
    const tracker = trackDurability(c.provider as never, (_saved, n) => {
      if (n?.type === 'refused') notices.push(n.code);
    });
    await until(() => c.provider.synced);
    c.doc.getText('t').insert(0, 'nope');
    await until(() => notices.includes('read-only'), 3000, 'refusal');
    expect(tracker.saved()).toBe(false);
    c.provider.destroy();
  });
});
