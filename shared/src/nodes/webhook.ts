import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, num, opts, paramsSchema, show, str } from './helpers.ts';

export const HTTP_METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'] as const;

/** Webhook: starts the workflow on an HTTP request to `/webhook/<path>`. */
export const webhookDescription: NodeDescription = {
  type: 'webhook',
  displayName: 'Webhook',
  description: 'Starts the workflow when an HTTP request arrives',
  group: 'trigger',
  versions: [1, 1.1, 2, 2.1],
  icon: 'webhook',
  inputs: 0,
  outputs: 1,
  trigger: true,
  credentials: [
    { name: 'httpBasicAuth', required: true, displayOptions: { show: { authentication: ['basicAuth'] } } },
    { name: 'httpHeaderAuth', required: true, displayOptions: { show: { authentication: ['headerAuth'] } } },
  ],
  properties: [
    opts('httpMethod', [...HTTP_METHODS], 'GET'),
    str('path', '', {
      required: true,
      placeholder: 'my-hook or users/:id',
      description:
        'Served at /webhook/<path>. A path with :parameters is served under the node’s webhook id (or node id), as in n8n: /webhook/<webhookId>/users/:id, and the values arrive in $json.params',
    }),
    opts(
      'authentication',
      [
        ['none', 'None'],
        ['basicAuth', 'Basic Auth'],
        ['headerAuth', 'Header Auth'],
      ],
      'none',
    ),
    opts(
      'responseMode',
      [
        ['onReceived', 'Immediately'],
        ['lastNode', 'When Last Node Finishes'],
        ['responseNode', "Using 'Respond to Webhook' Node"],
      ],
      'onReceived',
    ),
    num('responseCode', 200, hideResponseNode()),
    opts(
      'responseData',
      ['allEntries', 'firstEntryJson', 'firstEntryBinary', 'noData'],
      'firstEntryJson',
      show({ responseMode: ['lastNode'] }),
    ),
    str('responseBinaryPropertyName', 'data', show({ responseData: ['firstEntryBinary'] })),
    collection('options', [
      str('binaryPropertyName', 'data'),
      bool('rawBody', false),
      str('responseContentType', ''),
      str('responsePropertyName', 'data'),
      bool('noResponseBody', false),
      bool('ignoreBots', false),
      str('ipWhitelist', ''),
      str('allowedOrigins', '*'),
      responseHeadersParam(),
    ]),
  ],
  parameterSchema: paramsSchema({
    httpMethod: z.enum(HTTP_METHODS).optional(),
    path: z
      .string()
      .regex(/^[\w\-/:.]*$/, 'path may contain letters, digits, - _ / : . only')
      .optional(),
    responseMode: z.enum(['onReceived', 'lastNode', 'responseNode']).optional(),
    responseCode: z.number().int().min(100).max(599).optional(),
  }),
};

function hideResponseNode() {
  return { displayOptions: { hide: { responseMode: ['responseNode'] } } };
}

function responseHeadersParam() {
  return {
    name: 'responseHeaders',
    displayName: 'Response Headers',
    type: 'fixedCollection' as const,
    default: {},
    groups: [{ name: 'entries', displayName: 'Entries', values: [str('name'), str('value')] }],
  };
}
