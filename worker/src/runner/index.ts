export * from './cancel.ts';
export * from './events-of-task.ts';
export * from './execution-worker.ts';
export * from './maintenance.ts';
export * from './memory-store.ts';
export * from './runner.ts';
export * from './services.ts';
export * from './store.ts';
