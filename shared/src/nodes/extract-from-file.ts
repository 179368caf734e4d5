import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, opts, paramsSchema, str } from './helpers.ts';

/** Extract from File: CSV/JSON/text/XML/HTML in a binary property → items. */
export const extractFromFileDescription: NodeDescription = {
  type: 'extractFromFile',
  displayName: 'Extract from File',
  description: 'Reads a file (CSV, JSON, text…) into items',
  group: 'transform',
  pure: true,
  versions: [1],
  icon: 'file-import',
  inputs: 1,
  outputs: 1,
  properties: [
    opts(
      'operation',
      [
        ['csv', 'Extract From CSV'],
        ['fromJson', 'Extract From JSON'],
        ['text', 'Extract From Text File'],
        ['html', 'Extract From HTML'],
        ['xml', 'Extract From XML'],
        ['binaryToPropery', 'Move File to Base64 String'],
      ],
      'csv',
    ),
    str('binaryPropertyName', 'data', { required: true }),
    str('destinationKey', 'data'),
    collection('options', [
      str('delimiter', ','),
      bool('headerRow', true),
      str('encoding', 'utf8'),
      bool('includeEmptyCells', false),
      bool('relaxQuotes', false),
      bool('keepSource', false),
      str('fromLine', ''),
      str('maxRowCount', ''),
    ]),
  ],
  parameterSchema: paramsSchema({ operation: z.string().optional() }),
};
