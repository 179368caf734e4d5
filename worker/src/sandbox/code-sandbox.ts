import type { Item } from '@tandem/shared/engine';
import { type CompiledCode, IsolateSlot } from './isolate-slot.ts';
import { parseRuntimeAnswer, translateHostError, translateSyntaxError } from './results.ts';
import { CodeExecutionError, type CodeRunRequest, type CodeRunResult, type SandboxOptions } from './types.ts';

const SLOW_CODE_CAP = 1000;
const CPU_POLL_MS = 20;

/**
 * A pool of isolates running Code node JavaScript. Each isolate keeps one locked-down context that is reused
 * across runs (frozen intrinsics, globals added by a run are removed, a context a run could have dirtied is
 * rebuilt), so a run costs a function call, not a new context.
 *
 * @example
 * const sandbox = new CodeSandbox({ memoryLimitMb: 128, timeoutMs: 10_000 });
 * const { items } = await sandbox.run({ code: 'return $input.all()', mode: 'runOnceForAllItems', items });
 */
export class CodeSandbox {
  private readonly memoryLimitMb: number;
  private readonly timeoutMs: number;
  private readonly maxIsolates: number;
  private readonly syncSliceMs: number;
  private readonly luxon: boolean;
  private readonly maxOutputChars: number;
  private readonly slots: IsolateSlot[] = [];
  private readonly waiters: ((slot: IsolateSlot) => void)[] = [];
  /** Code strings that once needed more than the sync slice: they run asynchronously from the start. */
  private readonly slowCodes = new Set<string>();
  private nextRunId = 1;
  private closed = false;

  constructor(options: SandboxOptions = {}) {
    this.memoryLimitMb = Math.max(8, wholeNumber(options.memoryLimitMb, 128));
    this.timeoutMs = Math.max(1, wholeNumber(options.timeoutMs, 10_000));
    this.maxIsolates = Math.max(1, options.maxIsolates ?? 2);
    this.syncSliceMs = Math.max(0, wholeNumber(options.syncSliceMs, 50));
    this.luxon = options.luxon ?? true;
    this.maxOutputChars = Math.max(1024, wholeNumber(options.maxOutputChars, 64 * 1024 * 1024));
  }

  /** Number of live isolates (for tests and metrics). */
  get isolateCount(): number {
    return this.slots.length;
  }

  /**
   * Runs `req.code` over `req.items`. Rejects with CodeExecutionError (kind user/syntax/validation/timeout/
   * memory/aborted) — never with an internal isolated-vm error.
   */
  async run(req: CodeRunRequest): Promise<CodeRunResult> {
    if (typeof req.code !== 'string') throw new CodeExecutionError('validation', 'The code must be a string');
    if (req.mode !== 'runOnceForAllItems' && req.mode !== 'runOnceForEachItem') {
      throw new CodeExecutionError('validation', `Unknown mode "${String(req.mode)}"`, {
        description: 'Use runOnceForAllItems or runOnceForEachItem.',
      });
    }
    const timeout = Math.max(1, wholeNumber(req.timeoutMs, this.timeoutMs));
    throwIfAborted(req.signal);
    const itemsJson = JSON.stringify(req.items.map(stripForSandbox));
    const metaJson = JSON.stringify({ ...req.meta, mode: req.mode, timezone: req.meta?.timezone ?? 'UTC' });
    let slot = await this.acquire();
    const runId = this.nextRunId++;
    slot.active = { runId, nodeData: req.nodeData };
    try {
      throwIfAborted(req.signal);
      const compiled = this.compile(slot, req.code);
      let answer: string | undefined;
      let left = timeout;
      if (this.syncSliceMs > 0 && !this.slowCodes.has(req.code)) {
        const slice = Math.min(this.syncSliceMs, timeout);
        const cpuBefore = slot.isolate.cpuTime;
        try {
          answer = slot.runSync(compiled, runId, itemsJson, metaJson, slice);
        } catch (err) {
          const error = translateHostError(err, slot, this.memoryLimitMb, slice);
          if (error.kind !== 'timeout' || slice >= timeout) throw error;
          // Longer than the slice: re-run where the host stays responsive. The sandbox has no side effects, so
          // the abandoned first attempt is unobservable (its console lines are dropped with it).
          this.remember(req.code);
          left = Math.max(1, timeout - Math.round(Number(slot.isolate.cpuTime - cpuBefore) / 1e6));
          slot = this.replace(slot);
          slot.active = { runId, nodeData: req.nodeData };
        }
      }
      if (answer === undefined)
        answer = await this.runAsync(slot, req, runId, itemsJson, metaJson, left, timeout);
      if (answer.startsWith('!')) {
        slot.dirty = true;
        answer = answer.slice(1);
      }
      slot.runs++;
      if (answer.length > this.maxOutputChars) {
        throw new CodeExecutionError('validation', 'The code returned more data than allowed', {
          description: `The output is ${answer.length} characters; the limit is ${this.maxOutputChars}.`,
        });
      }
      const result = parseRuntimeAnswer(answer);
      if (req.mode === 'runOnceForAllItems') addPairedItems(result.items, req.items.length);
      return result;
    } catch (err) {
      if (err instanceof CodeExecutionError) throw err;
      throw translateHostError(err, slot, this.memoryLimitMb, timeout);
    } finally {
      slot.active = null;
      this.release(slot);
    }
  }

  /** Creates the first isolate ahead of time (~20 ms), so the first Code run of a fresh process is not slower. */
  async warmUp(): Promise<void> {
    this.release(await this.acquire());
  }

  /** Disposes every isolate; later runs fail. */
  dispose(): void {
    this.closed = true;
    for (const slot of this.slots.splice(0)) slot.dispose();
  }

  private compile(slot: IsolateSlot, code: string): CompiledCode {
    try {
      return slot.prepare(code);
    } catch (err) {
      if (slot.disposed) throw translateHostError(err, slot, this.memoryLimitMb, this.timeoutMs);
      throw translateSyntaxError(err);
    }
  }

  private async runAsync(
    slot: IsolateSlot,
    req: CodeRunRequest,
    runId: number,
    itemsJson: string,
    metaJson: string,
    left: number,
    timeout: number,
  ): Promise<string> {
    const signal = req.signal;
    const onAbort = () => slot.dispose();
    signal?.addEventListener('abort', onAbort, { once: true });
    // The limit is CPU time: the isolate's own clock is polled, and wall time is only a generous backstop
    // (on a busy machine a run gets less CPU per second of wall time).
    const cpuStart = slot.isolate.cpuTime;
    let overCpu = false;
    const watch = setInterval(() => {
      if (!slot.disposed && Number(slot.isolate.cpuTime - cpuStart) / 1e6 > left) {
        overCpu = true;
        slot.dispose();
      }
    }, CPU_POLL_MS);
    try {
      return await slot.runAsync(this.compile(slot, req.code), runId, itemsJson, metaJson, left * 4 + 1000);
    } catch (err) {
      if (signal?.aborted) throw new CodeExecutionError('aborted', 'The execution was cancelled');
      if (overCpu)
        throw translateHostError(new Error('Script execution timed out.'), slot, this.memoryLimitMb, timeout);
      throw translateHostError(err, slot, this.memoryLimitMb, timeout);
    } finally {
      clearInterval(watch);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private remember(code: string): void {
    if (this.slowCodes.size >= SLOW_CODE_CAP) this.slowCodes.clear();
    this.slowCodes.add(code);
  }

  private replace(slot: IsolateSlot): IsolateSlot {
    slot.dispose();
    const fresh = new IsolateSlot(this.memoryLimitMb, this.luxon);
    fresh.busy = true;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = fresh;
    return fresh;
  }

  private acquire(): Promise<IsolateSlot> {
    if (this.closed) return Promise.reject(new CodeExecutionError('internal', 'The sandbox was disposed'));
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.slots.length < this.maxIsolates) {
      const slot = new IsolateSlot(this.memoryLimitMb, this.luxon);
      slot.busy = true;
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(slot: IsolateSlot): void {
    if (this.closed) {
      slot.dispose();
      return;
    }
    let usable = slot;
    if (slot.disposed) usable = this.replace(slot);
    else if (slot.dirty) {
      try {
        slot.resetContext();
      } catch {
        usable = this.replace(slot);
      }
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(usable);
    else usable.busy = false;
  }
}

/** isolated-vm wants 32-bit integers; anything else falls back to the default. */
function wholeNumber(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(2 ** 31 - 1, Math.round(value))
    : fallback;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CodeExecutionError('aborted', 'The execution was cancelled');
}

/** Only json and binary cross into the sandbox (pairedItem of the input describes the previous node). */
function stripForSandbox(item: Item): Item {
  return item.binary ? { json: item.json, binary: item.binary } : { json: item.json };
}

/** n8n links output i to input i when counts match, and everything to item 0 for a single input. */
function addPairedItems(items: Item[], inputCount: number): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.pairedItem !== undefined) continue;
    if (items.length === inputCount) item.pairedItem = { item: i };
    else if (inputCount === 1) item.pairedItem = { item: 0 };
  }
}
