import pino, { type Logger } from 'pino';
import { nextTick, type ScheduleSpec } from './schedule-rules.ts';
import type { ScheduleFire, Scheduler } from './types.ts';

interface Entry {
  spec: ScheduleSpec;
  timer?: ReturnType<typeof setTimeout>;
}

/** Longest single setTimeout (Node clamps larger values to 1 ms). */
const MAX_TIMEOUT = 2_147_000_000;

/**
 * In-process scheduler for embedded mode: one timer per schedule, next tick computed from the previous
 * tick (not from "now"), so a late timer never fires a tick twice; ticks missed while late are skipped.
 */
export class MemoryScheduler implements Scheduler {
  readonly #entries = new Map<string, Entry>();
  readonly #log: Logger;
  readonly #now: () => number;
  #onFire?: (fire: ScheduleFire) => Promise<void>;
  #closed = false;

  constructor(options: { logger?: Logger; now?: () => number } = {}) {
    this.#log = options.logger ?? pino({ level: 'silent' });
    this.#now = options.now ?? Date.now;
  }

  async syncWorkflow(workflowId: string, specs: ScheduleSpec[]): Promise<void> {
    const wanted = new Map(specs.map((s) => [s.id, s]));
    for (const [id, entry] of this.#entries) {
      if (entry.spec.workflowId !== workflowId) continue;
      const next = wanted.get(id);
      if (next && next.pattern === entry.spec.pattern && next.tz === entry.spec.tz) {
        wanted.delete(id);
        continue;
      }
      clearTimeout(entry.timer);
      this.#entries.delete(id);
    }
    for (const spec of wanted.values()) {
      if (spec.workflowId !== workflowId)
        throw new TypeError(`schedule ${spec.id} belongs to another workflow`);
      nextTick(spec, this.#now()); // validates before storing
      const entry: Entry = { spec };
      this.#entries.set(spec.id, entry);
      if (this.#onFire) this.#arm(entry, this.#now());
    }
  }

  async list(workflowId?: string): Promise<ScheduleSpec[]> {
    return [...this.#entries.values()]
      .map((e) => e.spec)
      .filter((s) => !workflowId || s.workflowId === workflowId);
  }

  start(onFire: (fire: ScheduleFire) => Promise<void>): void {
    if (this.#onFire) throw new Error('start() was already called');
    this.#onFire = onFire;
    for (const entry of this.#entries.values()) this.#arm(entry, this.#now());
  }

  #arm(entry: Entry, after: number): void {
    if (this.#closed || this.#entries.get(entry.spec.id) !== entry) return;
    const tick = nextTick(entry.spec, after);
    const wait = tick - this.#now();
    entry.timer = setTimeout(
      () => {
        if (tick > this.#now()) return this.#arm(entry, after); // woke early (long waits are chunked)
        this.#arm(entry, Math.max(tick, this.#now() - 1));
        const { id, workflowId, nodeName } = entry.spec;
        this.#onFire!({ scheduleId: id, workflowId, nodeName, tickAt: tick, fireId: `${id}|${tick}` }).catch(
          (err) => this.#log.warn({ err, scheduleId: id }, 'schedule fire failed'),
        );
      },
      Math.min(Math.max(0, wait), MAX_TIMEOUT),
    );
    entry.timer.unref?.();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const e of this.#entries.values()) clearTimeout(e.timer);
  }
}
