import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from './logger.ts';

type GcFunction = (options: { type: 'major'; flavor: 'last-resort' }) => void;

/**
 * Gives back the memory start-up leaves behind, once the process idles. Loading the application's modules allocates
 * ~150 MB that dies right away (Node's ESM loader re-reads package.json exports maps, drizzle's is 180 KB); V8 keeps
 * that peak committed (young generation grown to its maximum, freed old-space pages pooled), and its memory reducer
 * never shrinks it while idle (it keeps judging the allocation rate "high": `--trace-memory-reducer`). One
 * memory-reducing collection brings idle RSS from ~250 to ~110 MiB.
 *
 * Runs after `delayMs`, only if the event loop was nearly idle meanwhile (the collection pauses it for a few tens
 * of ms), else tries again later, a few times at most: a busy process's memory is its load's, not start-up's.
 * @example trimHeapWhenIdle(); // after the server listens
 */
export function trimHeapWhenIdle(
  opts: { logger?: Logger; delayMs?: number; attempts?: number; maxUtilization?: number } = {},
): void {
  const { logger, delayMs = 1_000, attempts = 10, maxUtilization = 0.05 } = opts;
  let left = attempts;
  let since = performance.eventLoopUtilization();
  const tick = () => {
    const elu = performance.eventLoopUtilization(since);
    since = performance.eventLoopUtilization();
    if (elu.utilization <= maxUtilization) {
      const rssBefore = process.memoryUsage.rss();
      const started = performance.now();
      collect();
      const mib = (n: number) => Math.round(n / 1048576);
      logger?.debug(
        {
          ms: Math.round(performance.now() - started),
          rssMiB: mib(rssBefore),
          rssAfterMiB: mib(process.memoryUsage.rss()),
        },
        'start-up heap trimmed',
      );
      return;
    }
    if (--left > 0) setTimeout(tick, delayMs).unref();
  };
  setTimeout(tick, delayMs).unref();
}

function collect(): void {
  const exposed = (globalThis as { gc?: GcFunction }).gc;
  if (exposed) {
    exposed({ type: 'major', flavor: 'last-resort' });
    return;
  }
  // The gc() V8 installs under --expose-gc, taken from a fresh context so no global `gc` appears in this one.
  setFlagsFromString('--expose-gc');
  try {
    (runInNewContext('gc') as GcFunction)({ type: 'major', flavor: 'last-resort' });
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
