export { CodeSandbox } from './code-sandbox.ts';
export { getDefaultSandbox, setDefaultSandboxOptions } from './default-sandbox.ts';
export * from './types.ts';
