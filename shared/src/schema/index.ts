export * from './api.ts';
export * from './credentials.ts';
export * from './events.ts';
export * from './workflow.ts';
export * from './executions.ts';
export * from './custom-nodes.ts';
