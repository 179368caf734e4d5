import { useEffect, useState } from 'react';
import { afterPaint } from '../after-paint.ts';

/**
 * False until the browser has painted the component's first frame and is idle (at most `timeout` ms later), then
 * true: for parts of a view that can appear a moment after the rest, so the first paint does not wait for them.
 */
export function useAfterFirstPaint(timeout = 300): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => afterPaint(() => setReady(true), timeout), [timeout]);
  return ready;
}
