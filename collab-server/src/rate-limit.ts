/**
 * Token bucket: `ratePerSec` sustained, `burst` at once.
 * @example const b = tokenBucket(200, 400); if (!b.take()) close()
 */
export function tokenBucket(
  ratePerSec: number,
  burst: number,
  now: () => number = performance.now.bind(performance),
) {
  let tokens = burst;
  let last = now();
  return {
    take(): boolean {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSec);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
