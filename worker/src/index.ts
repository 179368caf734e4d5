export * from './events/index.ts';
export * from './queue/index.ts';
export * from './runner/index.ts';
export * from './scheduler/index.ts';
