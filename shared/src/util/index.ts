export * from './ids.ts';
export * from './json-depth.ts';
