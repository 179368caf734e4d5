import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, opts, paramsSchema, show, str } from './helpers.ts';

/** Convert to File: items → CSV/JSON/text file in a binary property. */
export const convertToFileDescription: NodeDescription = {
  type: 'convertToFile',
  displayName: 'Convert to File',
  description: 'Turns item data into a file (CSV, JSON, text…)',
  group: 'transform',
  pure: true,
  versions: [1, 1.1],
  icon: 'file-export',
  inputs: 1,
  outputs: 1,
  properties: [
    opts(
      'operation',
      [
        ['csv', 'Convert to CSV'],
        ['toJson', 'Convert to JSON'],
        ['toText', 'Convert to Text File'],
        ['toBinary', 'Move Base64 String to File'],
        ['html', 'Convert to HTML'],
      ],
      'csv',
    ),
    str('binaryPropertyName', 'data'),
    opts(
      'mode',
      [
        ['once', 'All Items to One File'],
        ['each', 'Each Item to Separate File'],
      ],
      'once',
      show({ operation: ['toJson'] }),
    ),
    str('sourceProperty', '', { required: true, ...show({ operation: ['toText', 'toBinary'] }) }),
    collection('options', [
      str('fileName', ''),
      bool('headerRow', true),
      str('delimiter', ','),
      opts('format', ['compact', 'formatted'], 'compact'),
      str('encoding', 'utf8'),
      bool('addBOM', false),
      str('mimeType', ''),
    ]),
  ],
  parameterSchema: paramsSchema({ operation: z.string().optional() }),
};
