export * from './errors.ts';
export * from './job-catalogue.ts';
export * from './memory-queue.ts';
export * from './types.ts';
