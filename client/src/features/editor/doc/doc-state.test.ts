import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { applyFetchedState } from '../collab/collab-session.ts';
import { prefetchDocState, takeDocState, takeSettledDocState } from './doc-state.ts';

afterEach(() => vi.unstubAllGlobals());

describe('doc-state', () => {
  it('hands the prefetched state to the first taker only; a later take fetches again', async () => {
    const fetch = vi.fn(async () => new Response(new Uint8Array([1, 2, 3])));
    vi.stubGlobal('fetch', fetch);
    prefetchDocState('wf 1');
    prefetchDocState('wf 1');
    await new Promise((r) => setTimeout(r, 0));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toEqual(['/api/workflows/wf%201/doc', { credentials: 'same-origin' }]);
    expect([...((await takeDocState('wf 1')) ?? [])]).toEqual([1, 2, 3]);
    await takeDocState('wf 1');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
  it("uses the page's early request, and fetches itself when that one failed on the network", async () => {
    const fetch = vi.fn(async () => new Response(new Uint8Array([2])));
    vi.stubGlobal('fetch', fetch);
    prefetchDocState('early', Promise.resolve(new Response(new Uint8Array([1]))));
    expect([...((await takeDocState('early')) ?? [])]).toEqual([1]);
    expect(fetch).not.toHaveBeenCalled();
    prefetchDocState('lost', Promise.resolve(null));
    expect([...((await takeDocState('lost')) ?? [])]).toEqual([2]);
  });
  it('hands a finished fetch over synchronously, once', async () => {
    vi.stubGlobal('fetch', async () => new Response(new Uint8Array([7])));
    prefetchDocState('wf2');
    expect(takeSettledDocState('wf2')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 0));
    expect([...(takeSettledDocState('wf2') ?? [])]).toEqual([7]);
    expect(takeSettledDocState('wf2')).toBeUndefined();
  });
  it('answers null on a refusal or a network failure', async () => {
    vi.stubGlobal('fetch', async () => new Response('{}', { status: 404 }));
    expect(await takeDocState('gone')).toBeNull();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    expect(await takeDocState('gone')).toBeNull();
  });
});

describe('applyFetchedState', () => {
  it('applies a state and ignores bytes that are not a Yjs update', () => {
    const source = new Y.Doc();
    source.getMap('nodes').set('n1', 'x');
    const doc = new Y.Doc();
    expect(applyFetchedState(doc, Y.encodeStateAsUpdate(source))).toBe(true);
    expect(doc.getMap('nodes').get('n1')).toBe('x');
    expect(applyFetchedState(doc, new Uint8Array([255, 255, 255, 255, 9]))).toBe(false);
    expect(doc.getMap('nodes').get('n1')).toBe('x');
  });
});
