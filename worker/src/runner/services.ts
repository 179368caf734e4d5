import type { Logger } from 'pino';
import { MemoryEventBus } from '../events/memory-event-bus.ts';
import type { EventBus } from '../events/types.ts';
import { MemoryExecutionQueue } from '../queue/memory-queue.ts';
import type { ExecutionQueue } from '../queue/types.ts';
import { MemoryScheduler } from '../scheduler/memory-scheduler.ts';
import type { Scheduler } from '../scheduler/types.ts';

/** The execution plumbing every process shares: queue, live events, schedules. */
export interface ExecutionServices {
  queue: ExecutionQueue;
  events: EventBus;
  scheduler: Scheduler;
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Production mode with `redisUrl` (BullMQ + Redis pub/sub), embedded mode without (in-process).
 * The one place that picks the implementations; bullmq/ioredis are imported only in production mode.
 * @example const services = await createExecutionServices({ redisUrl: config.redisUrl });
 */
export async function createExecutionServices(o: {
  redisUrl?: string;
  prefix?: string;
  logger?: Logger;
}): Promise<ExecutionServices> {
  const { redisUrl, prefix, logger } = o;
  let queue: ExecutionQueue;
  let events: EventBus;
  let scheduler: Scheduler;
  if (redisUrl) {
    const p = await import('../production.ts');
    queue = new p.BullmqExecutionQueue({ redisUrl, prefix, logger });
    events = new p.RedisEventBus({ redisUrl, prefix, logger });
    scheduler = new p.BullmqScheduler({ redisUrl, prefix, logger });
  } else {
    queue = new MemoryExecutionQueue();
    events = new MemoryEventBus();
    scheduler = new MemoryScheduler({ logger });
  }
  return {
    queue,
    events,
    scheduler,
    async close(timeoutMs = 10_000) {
      await queue.close(timeoutMs);
      await scheduler.close();
      await events.close();
    },
  };
}
