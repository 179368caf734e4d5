import { NextNodeRecommender } from '@tandem/worker/ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFreshRecommender, type FreshRecommenderOptions } from './ai-recommender.ts';

/** A loader answering a new model per call. */
function loader() {
  const models: NextNodeRecommender[] = [];
  const load = vi.fn(async () => {
    const m = new NextNodeRecommender();
    models.push(m);
    return m;
  });
  return { load, models };
}

const fallback = new NextNodeRecommender();
const make = (over: Partial<FreshRecommenderOptions> & Pick<FreshRecommenderOptions, 'load'>) =>
  createFreshRecommender({ fallback: () => fallback, maxAgeMs: 60_000, logger: { warn: vi.fn() }, ...over });

afterEach(() => vi.useRealTimers());

describe('createFreshRecommender', () => {
  it('builds once on first use, shared by concurrent callers, and keeps the model until invalidated', async () => {
    const { load, models } = loader();
    const rec = make({ load });
    const [a, b] = await Promise.all([rec.current(), rec.current()]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(a).toBe(models[0]);
    expect(b).toBe(a);
    expect(await rec.current()).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);

    rec.invalidate();
    rec.invalidate();
    expect(await rec.current()).toBe(models[1]);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('rebuilds again for a change made while a rebuild was running', async () => {
    const { load, models } = loader();
    const rec = make({ load });
    await rec.current();
    rec.invalidate();
    const during = rec.current();
    rec.invalidate();
    const after = rec.current();
    expect(await during).toBe(models[1]);
    expect(await after).toBe(models[2]);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('rebuilds once the model is older than the max age', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { load, models } = loader();
    const rec = make({ load, maxAgeMs: 1_000 });
    await rec.current();
    vi.advanceTimersByTime(999);
    expect(await rec.current()).toBe(models[0]);
    vi.advanceTimersByTime(1);
    expect(await rec.current()).toBe(models[1]);
  });

  it('keeps the previous model when a rebuild fails, warns, and retries on the next change, not the next call', async () => {
    const { load, models } = loader();
    const warn = vi.fn();
    const rec = make({ load, logger: { warn } });
    const first = await rec.current();
    load.mockRejectedValueOnce(new Error('database unreachable'));
    rec.invalidate();
    expect(await rec.current()).toBe(first);
    expect(warn).toHaveBeenCalledWith(
      { err: expect.objectContaining({ message: 'database unreachable' }) },
      expect.stringMatching(/previous model/),
    );
    expect(await rec.current()).toBe(first);
    expect(load).toHaveBeenCalledTimes(2);
    rec.invalidate();
    expect(await rec.current()).toBe(models[1]);
  });

  it('falls back when the very first build fails', async () => {
    const rec = make({ load: async () => Promise.reject(new Error('no database')) });
    expect(await rec.current()).toBe(fallback);
  });
});
