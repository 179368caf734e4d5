type IdleWindow = Window & {
  requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
};

/**
 * Calls `cb` once the browser has painted the next frame and is idle (at most `timeout` ms after that frame), or at
 * once (in a task of its own) in a hidden tab: for work the first paint does not need. Answers a function that
 * cancels the call if it has not happened yet.
 * @example const cancel = afterPaint(() => setReady(true)); // … cancel() on unmount
 */
export function afterPaint(cb: () => void, timeout = 300): () => void {
  // A hidden tab paints nothing and runs no animation frames: nothing to wait for.
  if (document.visibilityState === 'hidden') {
    const t = window.setTimeout(cb, 0);
    return () => window.clearTimeout(t);
  }
  const w = window as IdleWindow;
  let idle = 0;
  // A requestAnimationFrame callback runs before the next paint; a callback queued from it runs after that paint.
  const frame = requestAnimationFrame(() => {
    idle = w.requestIdleCallback ? w.requestIdleCallback(cb, { timeout }) : window.setTimeout(cb, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (w.cancelIdleCallback) w.cancelIdleCallback(idle);
    else window.clearTimeout(idle);
  };
}
