import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, fixed, paramsSchema, str } from './helpers.ts';
import { llmCredentials, llmModelProperties } from './llm-common.ts';

/** Text Classifier: puts each item's text into one of the configured categories (field `category`). */
export const textClassifierDescription: NodeDescription = {
  type: 'textClassifier',
  displayName: 'Text Classifier',
  description: 'Sorts text into categories with a language model',
  group: 'transform',
  versions: [1],
  icon: 'tags',
  inputs: 1,
  outputs: 1,
  credentials: llmCredentials,
  keywords: ['ai', 'classify', 'categorize', 'llm'],
  properties: [
    str('text', '={{ $json.text }}', { required: true }),
    fixed('categories', [{ name: 'categories', values: [str('category', ''), str('description', '')] }]),
    bool('allowOther', true, { description: 'Use "other" when no category fits' }),
    str('outputField', 'category'),
    ...llmModelProperties,
  ],
  parameterSchema: paramsSchema({ text: z.string().optional() }),
};
