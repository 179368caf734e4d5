import type { Logger } from 'pino';
import { MemoryEventBus } from '../events/memory-event-bus.ts';
import { RedisEventBus } from '../events/redis-event-bus.ts';
import type { EventBus } from '../events/types.ts';
import { BullmqExecutionQueue } from '../queue/bullmq-queue.ts';
import { MemoryExecutionQueue } from '../queue/memory-queue.ts';
import type { ExecutionQueue } from '../queue/types.ts';
import { BullmqScheduler } from '../scheduler/bullmq-scheduler.ts';
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
 * The one place that picks the implementations.
 * @example const services = createExecutionServices({ redisUrl: config.redisUrl });
 */
export function createExecutionServices(o: {
  redisUrl?: string;
  prefix?: string;
  logger?: Logger;
}): ExecutionServices {
  const { redisUrl, prefix, logger } = o;
  const queue = redisUrl
    ? new BullmqExecutionQueue({ redisUrl, prefix, logger })
    : new MemoryExecutionQueue();
  const events = redisUrl ? new RedisEventBus({ redisUrl, prefix, logger }) : new MemoryEventBus();
  const scheduler = redisUrl
    ? new BullmqScheduler({ redisUrl, prefix, logger })
    : new MemoryScheduler({ logger });
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
