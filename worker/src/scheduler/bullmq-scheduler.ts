import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { parseJob } from '../queue/job-catalogue.ts';
import { nextTick, type ScheduleSpec } from './schedule-rules.ts';
import type { ScheduleFire, Scheduler } from './types.ts';

export interface BullmqSchedulerOptions {
  redisUrl: string;
  prefix?: string;
  queueName?: string;
  /** Fires handled at once by this process. Default 5. */
  concurrency?: number;
  logger?: Logger;
}

const JOB = 'schedule.fire';

/** BullMQ computes each next tick with Tandem's rules, so patterns BullMQ's cron cannot read ("every N weeks") work. */
const settings = {
  repeatStrategy: (millis: number, opts: { pattern?: string; tz?: string }) =>
    nextTick({ pattern: opts.pattern ?? '', tz: opts.tz ?? 'UTC' }, millis),
};

/**
 * Schedules as BullMQ job schedulers: Redis holds one delayed job per schedule, created atomically for
 * the next tick when the current one is taken, so any number of workers fire each tick once.
 */
export class BullmqScheduler implements Scheduler {
  readonly #o: BullmqSchedulerOptions;
  readonly #redis: Redis;
  readonly #queue: Queue;
  readonly #log: Logger;
  #worker?: Worker;
  #workerRedis?: Redis;

  constructor(options: BullmqSchedulerOptions) {
    this.#o = options;
    this.#log = options.logger ?? pino({ level: 'silent' });
    this.#redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
    this.#redis.on('error', (err) => this.#log.warn({ err }, 'scheduler redis error'));
    this.#queue = new Queue(options.queueName ?? 'schedules', {
      connection: this.#redis,
      prefix: options.prefix ?? 'tandem',
      settings,
    });
    this.#queue.on('error', (err) => this.#log.warn({ err }, 'scheduler queue error'));
  }

  async syncWorkflow(workflowId: string, specs: ScheduleSpec[]): Promise<void> {
    for (const s of specs) {
      if (s.workflowId !== workflowId) throw new TypeError(`schedule ${s.id} belongs to another workflow`);
      nextTick(s, Date.now()); // validates pattern and timezone before Redis sees them
    }
    const wanted = new Set(specs.map((s) => s.id));
    for (const existing of await this.list(workflowId)) {
      if (!wanted.has(existing.id)) await this.#queue.removeJobScheduler(existing.id);
    }
    for (const s of specs) {
      // Upserting an unchanged scheduler keeps its next tick: re-publishing never adds a fire.
      await this.#queue.upsertJobScheduler(
        s.id,
        { pattern: s.pattern, tz: s.tz },
        {
          name: JOB,
          data: { scheduleId: s.id, workflowId: s.workflowId, nodeName: s.nodeName },
          opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 },
        },
      );
    }
  }

  async list(workflowId?: string): Promise<ScheduleSpec[]> {
    const all = await this.#queue.getJobSchedulers(0, -1, true);
    const out: ScheduleSpec[] = [];
    for (const s of all) {
      const data = s.template?.data as { workflowId?: string; nodeName?: string } | undefined;
      if (!s.pattern || !data?.workflowId || !data.nodeName || !s.key) continue;
      if (workflowId && data.workflowId !== workflowId) continue;
      out.push({
        id: s.key,
        workflowId: data.workflowId,
        nodeName: data.nodeName,
        pattern: s.pattern,
        tz: s.tz ?? 'UTC',
      });
    }
    return out;
  }

  start(onFire: (fire: ScheduleFire) => Promise<void>): void {
    if (this.#worker) throw new Error('start() was already called');
    this.#workerRedis = new Redis(this.#o.redisUrl, { maxRetriesPerRequest: null });
    this.#workerRedis.on('error', (err) => this.#log.warn({ err }, 'scheduler worker redis error'));
    this.#worker = new Worker(
      this.#o.queueName ?? 'schedules',
      async (job) => {
        if (job.name !== JOB) throw new UnrecoverableError(`unknown job name ${job.name}`);
        let data: ReturnType<typeof parseJob<'schedule.fire'>>;
        try {
          data = parseJob(JOB, job.data);
        } catch {
          throw new UnrecoverableError('malformed schedule.fire payload');
        }
        // Scheduler job ids end with the tick's millis: one id per tick, the basis of exactly-once.
        const tickAt = Number(String(job.id).split(':').pop()) || job.timestamp + (job.delay ?? 0);
        await onFire({ ...data, tickAt, fireId: String(job.id) });
      },
      {
        connection: this.#workerRedis,
        prefix: this.#o.prefix ?? 'tandem',
        concurrency: this.#o.concurrency ?? 5,
        settings,
      },
    );
    this.#worker.on('error', (err) => this.#log.warn({ err }, 'scheduler worker error'));
  }

  async close(): Promise<void> {
    await this.#worker?.close();
    this.#workerRedis?.disconnect();
    await this.#queue.close();
    this.#redis.disconnect();
  }
}
