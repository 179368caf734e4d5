import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, fixed, opts, paramsSchema, str } from './helpers.ts';
import { llmCredentials, llmModelProperties } from './llm-common.ts';

/** Information Extractor: pulls typed fields out of each item's text (structured output), merged into the item. */
export const informationExtractorDescription: NodeDescription = {
  type: 'informationExtractor',
  displayName: 'Information Extractor',
  description: 'Extracts structured fields from text with a language model',
  group: 'transform',
  versions: [1],
  icon: 'scan-text',
  inputs: 1,
  outputs: 1,
  credentials: llmCredentials,
  keywords: ['ai', 'extract', 'parse', 'llm', 'structured'],
  properties: [
    str('text', '={{ $json.text }}', { required: true }),
    fixed('attributes', [
      {
        name: 'attributes',
        values: [
          str('name', ''),
          opts('type', ['string', 'number', 'boolean', 'date'], 'string'),
          str('description', ''),
          bool('required', false),
        ],
      },
    ]),
    str('outputField', '', { description: 'Put the fields under this key; empty = merge into the item' }),
    ...llmModelProperties,
  ],
  parameterSchema: paramsSchema({ text: z.string().optional() }),
};
