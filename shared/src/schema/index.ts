export * from './ai-jobs.ts';
export * from './api.ts';
export * from './credentials.ts';
export * from './custom-nodes.ts';
export * from './events.ts';
export * from './executions.ts';
export * from './workflow.ts';
