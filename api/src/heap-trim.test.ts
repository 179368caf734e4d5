import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const heapTrim = new URL('./heap-trim.ts', import.meta.url).href;

/** Runs `body` in a fresh Node process with trimHeapWhenIdle imported; answers what the process printed. */
function run(body: string): { trimmed?: { ms: number; rssMiB: number; rssAfterMiB: number } } {
  const script = `
    import { trimHeapWhenIdle } from ${JSON.stringify(heapTrim)};
    let trimmed;
    const logger = { debug: (fields) => { trimmed = fields; } };
    ${body}
    setTimeout(() => process.stdout.write(JSON.stringify({ trimmed })), 1500);`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
}

// Start-up-like garbage: objects that live long enough to be promoted (as loaded modules' parse results do), then die.
const GARBAGE = `
  let keep = [];
  for (let i = 0; i < 1_500_000; i++) keep.push({ i, s: 'k' + i, o: [i] });
  for (let i = 0; i < 100; i++) keep.push('x'.repeat(200_000) + i);
  keep = null;`;

describe('trimHeapWhenIdle', () => {
  it('gives start-up garbage back to the OS once the process idles', () => {
    const { trimmed } = run(`${GARBAGE}\n trimHeapWhenIdle({ logger, delayMs: 200 });`);
    expect(trimmed).toBeDefined();
    expect(trimmed!.rssAfterMiB).toBeLessThan(trimmed!.rssMiB - 100);
  });

  it('leaves a busy process alone', () => {
    const { trimmed } = run(`${GARBAGE}
      const busy = setInterval(() => { const end = Date.now() + 40; while (Date.now() < end); }, 45);
      setTimeout(() => clearInterval(busy), 1400);
      trimHeapWhenIdle({ logger, delayMs: 200, attempts: 3 });`);
    expect(trimmed).toBeUndefined();
  });
});
