export * from './api.ts';
export * from './credentials.ts';
export * from './events.ts';
export * from './workflow.ts';
