export { type AiProvider, type AiProviderOptions, createAiProvider, mapError } from './client.ts';
export { type AiConfig, DEFAULT_MODEL, isAiConfigured, OpenAiCredential, resolveAiConfig } from './config.ts';
export { AiError, type AiErrorCode } from './errors.ts';
export { backoffDelay } from './retry.ts';
export {
  chatStructured,
  formatIssues,
  parseModelJson,
  type StructuredRequest,
  type StructuredResult,
  toResponseSchema,
} from './structured.ts';
export type * from './types.ts';
