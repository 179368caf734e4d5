import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { json, opts, paramsSchema, show, str } from './helpers.ts';
import { llmCredentials, llmModelProperties } from './llm-common.ts';

/** LLM Chat: asks a language model once per item (system + user prompt with expressions), text or JSON-schema output. */
export const llmChatDescription: NodeDescription = {
  type: 'llmChat',
  displayName: 'LLM Chat',
  description: 'Asks a language model, once per item',
  group: 'transform',
  versions: [1],
  icon: 'sparkles',
  inputs: 1,
  outputs: 1,
  credentials: llmCredentials,
  keywords: ['ai', 'openai', 'gpt', 'prompt', 'chat', 'llm'],
  properties: [
    str('systemMessage', '', { typeOptions: { rows: 3 } }),
    str('prompt', '', { required: true, typeOptions: { rows: 5 } }),
    opts(
      'outputMode',
      [
        ['text', 'Text'],
        ['jsonSchema', 'JSON (schema)'],
      ],
      'text',
    ),
    json(
      'jsonSchema',
      '{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}',
      show({ outputMode: ['jsonSchema'] }),
    ),
    str('outputField', 'text', show({ outputMode: ['text'] })),
    ...llmModelProperties,
  ],
  parameterSchema: paramsSchema({
    prompt: z.string().optional(),
    outputMode: z.enum(['text', 'jsonSchema']).optional(),
  }),
};
