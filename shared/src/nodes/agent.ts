import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, fixed, num, opts, param, paramsSchema, show, str } from './helpers.ts';
import { llmCredentials, llmModelProperties } from './llm-common.ts';

/**
 * AI Agent: a tool-calling loop per item. Tools: HTTP requests, Code (sandboxed) and sub-workflows; every tool call
 * is recorded in the output. Memory (conversation history) is keyed by an expression and stored by the host.
 */
export const agentDescription: NodeDescription = {
  type: 'agent',
  displayName: 'AI Agent',
  description: 'A language model that calls tools in a loop',
  group: 'transform',
  versions: [1],
  icon: 'bot',
  inputs: 1,
  outputs: 1,
  credentials: llmCredentials,
  keywords: ['ai', 'agent', 'tools', 'openai', 'llm'],
  properties: [
    str('prompt', '={{ $json.message }}', { required: true, typeOptions: { rows: 4 } }),
    str('systemMessage', 'You are a helpful assistant.', { typeOptions: { rows: 3 } }),
    fixed('tools', [
      {
        name: 'tool',
        values: [
          opts(
            'type',
            [
              ['httpRequest', 'HTTP Request'],
              ['code', 'Code'],
              ['workflow', 'Sub-workflow'],
            ],
            'httpRequest',
          ),
          str('name', ''),
          str('description', ''),
          opts('method', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], 'GET', show({ type: ['httpRequest'] })),
          str('url', '', show({ type: ['httpRequest'] })),
          param(
            'jsCode',
            'code',
            'return [{ json: { result: $input.first().json } }];',
            show({ type: ['code'] }),
          ),
          str('workflowId', '', show({ type: ['workflow'] })),
        ],
      },
    ]),
    num('maxIterations', 6, { typeOptions: { minValue: 1, maxValue: 25 } }),
    str('memoryKey', '', {
      description: 'Expression naming the conversation (e.g. {{ $json.sessionId }}); empty = no memory',
    }),
    num('memoryWindow', 10, { typeOptions: { minValue: 1, maxValue: 100 } }),
    bool('stopOnToolError', false, { description: 'Fail instead of telling the model that a tool failed' }),
    ...llmModelProperties,
  ],
  parameterSchema: paramsSchema({
    prompt: z.string().optional(),
    maxIterations: z.union([z.number().int().min(1).max(25), z.string()]).optional(),
  }),
};
