export * from './memory-event-bus.ts';
export * from './types.ts';
