export * from './memory-scheduler.ts';
export * from './schedule-rules.ts';
export * from './types.ts';
