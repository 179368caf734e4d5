import { collection, num, str } from './helpers.ts';

/** Shared by the LLM nodes: an optional credential (else the instance default) and model options. */
export const llmCredentials = [{ name: 'openAiApi', required: false }];

export const llmModelProperties = [
  str('model', '', { description: 'Model name; empty = the credential or instance default' }),
  collection('options', [
    num('temperature', 0.2, { typeOptions: { minValue: 0, maxValue: 2 } }),
    num('maxTokens', 1024, { typeOptions: { minValue: 1, maxValue: 16384 } }),
    num('timeoutMs', 60000, { typeOptions: { minValue: 1000, maxValue: 600000 } }),
  ]),
];
