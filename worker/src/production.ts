// Production mode's execution plumbing (BullMQ queue and scheduler, Redis pub/sub events). Kept out of the package's
// main entry so embedded mode never loads bullmq/ioredis: createExecutionServices imports this on demand.
export * from './events/redis-event-bus.ts';
export * from './queue/bullmq-queue.ts';
export * from './scheduler/bullmq-scheduler.ts';
