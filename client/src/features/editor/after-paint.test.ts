// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from './after-paint.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('afterPaint', () => {
  afterEach(() => vi.restoreAllMocks());

  it('calls back after the next frame, not before', async () => {
    const cb = vi.fn();
    afterPaint(cb, 50);
    expect(cb).not.toHaveBeenCalled();
    await wait(200);
    expect(cb).toHaveBeenCalledOnce();
  });

  it('does not call back once cancelled', async () => {
    const cb = vi.fn();
    afterPaint(cb, 50)();
    await wait(200);
    expect(cb).not.toHaveBeenCalled();
  });

  it('does not wait for a frame in a hidden tab (it runs none)', async () => {
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const raf = vi.spyOn(window, 'requestAnimationFrame');
    const cb = vi.fn();
    afterPaint(cb);
    await wait(10);
    expect(cb).toHaveBeenCalledOnce();
    expect(raf).not.toHaveBeenCalled();
  });
});
