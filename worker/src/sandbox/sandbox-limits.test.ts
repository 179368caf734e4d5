import { afterAll, describe, expect, it } from 'vitest';
import { CodeSandbox } from './code-sandbox.ts';
import { CodeExecutionError } from './types.ts';

const sandbox = new CodeSandbox({ maxIsolates: 1, syncSliceMs: 20 });
afterAll(() => sandbox.dispose());
const items = [{ json: {} }];

async function failure(p: Promise<unknown>): Promise<CodeExecutionError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CodeExecutionError);
    return e as CodeExecutionError;
  }
  throw new Error('expected failure');
}

describe('Code sandbox limits', () => {
  it('stops an endless loop within 1 s of the AbortSignal firing', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const e = await failure(
      sandbox.run({ code: 'while (true) {}', mode: 'runOnceForAllItems', items, signal: controller.signal }),
    );
    expect(e.kind).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(1100);
    const ok = await sandbox.run({
      code: 'return [{ json: { ok: true } }]',
      mode: 'runOnceForAllItems',
      items,
    });
    expect(ok.items[0].json.ok).toBe(true);
  });

  it('refuses to start when already aborted', async () => {
    const e = await failure(
      sandbox.run({ code: 'return []', mode: 'runOnceForAllItems', items, signal: AbortSignal.abort() }),
    );
    expect(e.kind).toBe('aborted');
  });

  it('re-runs code longer than the sync slice asynchronously, keeping the host responsive', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const code =
        'console.log("start"); const end = Date.now() + 150; while (Date.now() < end) {} return [{ json: { done: true } }]';
      const out = await sandbox.run({ code, mode: 'runOnceForAllItems', items });
      expect(out.items[0].json.done).toBe(true);
      // The abandoned synchronous attempt's console lines are not reported twice.
      expect(out.logs).toEqual(['start']);
      expect(ticks).toBeGreaterThan(5);
    } finally {
      clearInterval(timer);
    }
  });

  it('applies the default limits (128 MB, 10 s)', async () => {
    const defaults = new CodeSandbox({ maxIsolates: 1 });
    try {
      const e = await failure(
        defaults.run({
          code: 'const a = []; for (;;) a.push(new Array(1e6).fill(Math.random()))',
          mode: 'runOnceForAllItems',
          items,
        }),
      );
      expect(e.kind).toBe('memory');
      expect(e.message).toBe('The code used more than the memory limit (128 MB)');
      const t = await failure(
        defaults.run({ code: 'while (true) {}', mode: 'runOnceForAllItems', items, timeoutMs: 200 }),
      );
      expect(t.message).toBe('The code ran longer than the time limit (200 ms)');
    } finally {
      defaults.dispose();
    }
  });

  it('limits CPU time (polled), not time spent waiting for the host', async () => {
    const asyncOnly = new CodeSandbox({ maxIsolates: 1, syncSliceMs: 0 });
    try {
      // The host answers $() slowly (300 ms): wall time passes the 200 ms limit, the isolate's CPU time does not.
      const slowHost = () => {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
        return [{ json: { slow: true } }];
      };
      const out = await asyncOnly.run({
        code: 'return $("Slow").all()',
        mode: 'runOnceForAllItems',
        items,
        nodeData: slowHost,
        timeoutMs: 200,
      });
      expect(out.items[0].json.slow).toBe(true);
      // The CPU watcher stops the loop; the wall-clock backstop alone would take 4 × 200 + 1000 ms.
      const started = performance.now();
      const e = await failure(
        asyncOnly.run({ code: 'for (;;) {}', mode: 'runOnceForAllItems', items, timeoutMs: 200 }),
      );
      expect(e.kind).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      asyncOnly.dispose();
    }
  });

  it('refuses outputs larger than the cap', async () => {
    const small = new CodeSandbox({ maxIsolates: 1, maxOutputChars: 2000 });
    try {
      const e = await failure(
        small.run({ code: 'return [{ json: { s: "x".repeat(5000) } }]', mode: 'runOnceForAllItems', items }),
      );
      expect(e.message).toBe('The code returned more data than allowed');
      const ok = await small.run({
        code: 'return [{ json: { s: "x".repeat(100) } }]',
        mode: 'runOnceForAllItems',
        items,
      });
      expect(ok.items).toHaveLength(1);
    } finally {
      small.dispose();
    }
  });

  it('accepts odd limit values without failing', async () => {
    const odd = new CodeSandbox({
      maxIsolates: 1,
      timeoutMs: Number.NaN,
      memoryLimitMb: 64.5,
      syncSliceMs: 0.4,
    });
    try {
      const out = await odd.run({
        code: 'await null; return items',
        mode: 'runOnceForAllItems',
        items,
        timeoutMs: 250.7,
      });
      expect(out.items).toHaveLength(1);
    } finally {
      odd.dispose();
    }
  });

  it('warms up an isolate ahead of the first run', async () => {
    const fresh = new CodeSandbox({ maxIsolates: 1 });
    try {
      expect(fresh.isolateCount).toBe(0);
      await fresh.warmUp();
      expect(fresh.isolateCount).toBe(1);
      await fresh.run({ code: 'return items', mode: 'runOnceForAllItems', items });
      expect(fresh.isolateCount).toBe(1);
    } finally {
      fresh.dispose();
    }
  });

  it('queues runs when every isolate is busy', async () => {
    const code = 'const end = Date.now() + 30; while (Date.now() < end) {} return [{ json: { i: $json.i } }]';
    const runs = [0, 1, 2].map((i) =>
      sandbox.run({ code, mode: 'runOnceForAllItems', items: [{ json: { i } }], timeoutMs: 2000 }),
    );
    const out = await Promise.all(runs);
    expect(out.map((o) => o.items[0].json.i)).toEqual([0, 1, 2]);
    expect(sandbox.isolateCount).toBe(1);
  });
});
