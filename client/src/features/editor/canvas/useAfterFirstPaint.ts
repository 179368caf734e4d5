import { useEffect, useState } from 'react';

type IdleWindow = Window & { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number };

/**
 * False until the browser has painted the component's first frame and is idle (at most `timeout` ms later), then
 * true: for parts of a view that can appear a moment after the rest, so the first paint does not wait for them.
 */
export function useAfterFirstPaint(timeout = 300): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let idle = 0;
    // A requestAnimationFrame callback runs before the next paint; a callback queued from it runs after that paint.
    const frame = requestAnimationFrame(() => {
      const w = window as IdleWindow;
      idle = w.requestIdleCallback
        ? w.requestIdleCallback(() => setReady(true), { timeout })
        : window.setTimeout(() => setReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      const w = window as IdleWindow & { cancelIdleCallback?: (id: number) => void };
      if (w.cancelIdleCallback) w.cancelIdleCallback(idle);
      else window.clearTimeout(idle);
    };
  }, [timeout]);
  return ready;
}
