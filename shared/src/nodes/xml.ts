import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, opts, paramsSchema, str } from './helpers.ts';

/** XML: converts between XML text and JSON. */
export const xmlDescription: NodeDescription = {
  type: 'xml',
  displayName: 'XML',
  description: 'Converts data from and to XML',
  group: 'transform',
  pure: true,
  versions: [1],
  icon: 'file-code',
  inputs: 1,
  outputs: 1,
  properties: [
    opts(
      'mode',
      [
        ['jsonToxml', 'JSON to XML'],
        ['xmlToJson', 'XML to JSON'],
      ],
      'xmlToJson',
    ),
    str('dataPropertyName', 'data', { required: true }),
    collection('options', [
      bool('explicitArray', false),
      bool('explicitRoot', true),
      bool('ignoreAttrs', false),
      bool('mergeAttrs', true),
      bool('normalize', false),
      bool('trim', false),
      str('attrkey', '$'),
      str('charkey', '_'),
      str('rootName', 'root'),
      bool('headless', false),
      bool('allowSurrogateChars', false),
      bool('cdata', false),
    ]),
  ],
  parameterSchema: paramsSchema({ mode: z.enum(['jsonToxml', 'xmlToJson']).optional() }),
};
