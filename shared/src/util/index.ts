export * from './custom-data-filter.ts';
export * from './ids.ts';
export * from './json-depth.ts';
