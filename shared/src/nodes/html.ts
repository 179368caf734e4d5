import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, fixed, opts, param, paramsSchema, show, str } from './helpers.ts';

/** HTML: extract content with CSS selectors, render a template, or convert items to an HTML table. */
export const htmlDescription: NodeDescription = {
  type: 'html',
  displayName: 'HTML',
  description: 'Works with HTML: extract, generate, convert to table',
  group: 'transform',
  pure: true,
  versions: [1, 1.1, 1.2],
  icon: 'code',
  inputs: 1,
  outputs: 1,
  properties: [
    opts(
      'operation',
      ['generateHtmlTemplate', 'extractHtmlContent', 'convertToHtmlTable'],
      'generateHtmlTemplate',
    ),
    param('html', 'string', '<p>{{ $json.name }}</p>', {
      typeOptions: { editor: 'html' },
      ...show({ operation: ['generateHtmlTemplate'] }),
    }),
    opts('sourceData', ['json', 'binary'], 'json', show({ operation: ['extractHtmlContent'] })),
    str('dataPropertyName', 'data', show({ operation: ['extractHtmlContent'] })),
    fixed(
      'extractionValues',
      [
        {
          name: 'values',
          values: [
            str('key'),
            str('cssSelector'),
            opts('returnValue', ['attribute', 'html', 'text', 'value'], 'text'),
            str('attribute', '', show({ returnValue: ['attribute'] })),
            bool('returnArray', false),
          ],
        },
      ],
      show({ operation: ['extractHtmlContent'] }),
    ),
    collection('options', [
      bool('trimValues', true),
      bool('cleanUpText', true),
      bool('capitalize', false),
      bool('customStyling', false),
      str('caption', ''),
      str('tableAttributes', ''),
      str('headerAttributes', ''),
      str('rowAttributes', ''),
      str('cellAttributes', ''),
    ]),
  ],
  parameterSchema: paramsSchema({
    operation: z.enum(['generateHtmlTemplate', 'extractHtmlContent', 'convertToHtmlTable']).optional(),
  }),
};
