import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, fixed, json, num, opts, paramsSchema, show, str } from './helpers.ts';

const kv = (name: string) => fixed(name, [{ name: 'parameters', values: [str('name'), str('value')] }]);

/** HTTP Request v4: any method, query/headers/body (JSON, form, multipart, raw, binary), credentials, pagination. */
export const httpRequestDescription: NodeDescription = {
  type: 'httpRequest',
  displayName: 'HTTP Request',
  description: 'Makes an HTTP request and returns the response',
  group: 'output',
  versions: [3, 4, 4.1, 4.2],
  icon: 'globe',
  inputs: 1,
  outputs: 1,
  credentials: [
    { name: 'httpBasicAuth', displayOptions: { show: { genericAuthType: ['httpBasicAuth'] } } },
    { name: 'httpHeaderAuth', displayOptions: { show: { genericAuthType: ['httpHeaderAuth'] } } },
    { name: 'httpBearerAuth', displayOptions: { show: { genericAuthType: ['httpBearerAuth'] } } },
    { name: 'httpQueryAuth', displayOptions: { show: { genericAuthType: ['httpQueryAuth'] } } },
  ],
  keywords: ['api', 'rest', 'fetch', 'curl'],
  properties: [
    opts('method', ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'], 'GET'),
    str('url', '', { required: true, placeholder: 'https://example.com/api' }),
    opts(
      'authentication',
      [
        ['none', 'None'],
        ['predefinedCredentialType', 'Predefined Credential Type'],
        ['genericCredentialType', 'Generic Credential Type'],
      ],
      'none',
    ),
    opts(
      'genericAuthType',
      ['httpBasicAuth', 'httpBearerAuth', 'httpHeaderAuth', 'httpQueryAuth'],
      'httpHeaderAuth',
      show({ authentication: ['genericCredentialType'] }),
    ),
    bool('sendQuery', false),
    opts('specifyQuery', ['keypair', 'json'], 'keypair', show({ sendQuery: [true] })),
    { ...kv('queryParameters'), ...show({ sendQuery: [true], specifyQuery: ['keypair'] }) },
    json('jsonQuery', '', show({ sendQuery: [true], specifyQuery: ['json'] })),
    bool('sendHeaders', false),
    opts('specifyHeaders', ['keypair', 'json'], 'keypair', show({ sendHeaders: [true] })),
    { ...kv('headerParameters'), ...show({ sendHeaders: [true], specifyHeaders: ['keypair'] }) },
    json('jsonHeaders', '', show({ sendHeaders: [true], specifyHeaders: ['json'] })),
    bool('sendBody', false),
    opts(
      'contentType',
      [
        ['json', 'JSON'],
        ['form-urlencoded', 'Form Urlencoded'],
        ['multipart-form-data', 'Form-Data'],
        ['raw', 'Raw'],
        ['binaryData', 'n8n Binary File'],
      ],
      'json',
      show({ sendBody: [true] }),
    ),
    opts(
      'specifyBody',
      ['keypair', 'json'],
      'keypair',
      show({ sendBody: [true], contentType: ['json', 'form-urlencoded'] }),
    ),
    fixed(
      'bodyParameters',
      [
        {
          name: 'parameters',
          values: [
            opts('parameterType', ['formData', 'formBinaryData'], 'formData'),
            str('name'),
            str('value'),
            str('inputDataFieldName'),
          ],
        },
      ],
      show({ sendBody: [true], specifyBody: ['keypair'] }),
    ),
    json('jsonBody', '', show({ sendBody: [true], specifyBody: ['json'] })),
    str('rawContentType', '', show({ sendBody: [true], contentType: ['raw'] })),
    str('body', '', show({ sendBody: [true], contentType: ['raw'] })),
    str('inputDataFieldName', '', show({ sendBody: [true], contentType: ['binaryData'] })),
    collection('options', [
      num('timeout', 10000),
      bool('allowUnauthorizedCerts', false),
      bool('lowercaseHeaders', true),
      opts('queryParameterArrays', ['brackets', 'indices', 'repeat'], 'brackets'),
      fixed(
        'redirect',
        [{ name: 'redirect', values: [bool('followRedirects', true), num('maxRedirects', 21)] }],
        { multiple: false },
      ),
      fixed(
        'response',
        [
          {
            name: 'response',
            values: [
              bool('fullResponse', false),
              bool('neverError', false),
              opts('responseFormat', ['autodetect', 'file', 'json', 'text'], 'autodetect'),
              str('outputPropertyName', 'data'),
            ],
          },
        ],
        { multiple: false },
      ),
      fixed(
        'pagination',
        [
          {
            name: 'pagination',
            values: [
              opts(
                'paginationMode',
                ['off', 'updateAParameterInEachRequest', 'responseContainsNextURL'],
                'off',
              ),
              str('nextURL', ''),
              fixed('parameters', [
                {
                  name: 'parameters',
                  values: [opts('type', ['qs', 'body', 'headers'], 'qs'), str('name'), str('value')],
                },
              ]),
              opts(
                'paginationCompleteWhen',
                ['responseIsEmpty', 'receiveSpecificStatusCodes', 'other'],
                'responseIsEmpty',
              ),
              str('statusCodesWhenComplete', ''),
              str('completeExpression', ''),
              bool('limitPagesFetched', false),
              num('maxRequests', 100),
              num('requestInterval', 0),
            ],
          },
        ],
        { multiple: false },
      ),
      fixed('batching', [{ name: 'batch', values: [num('batchSize', 50), num('batchInterval', 1000)] }], {
        multiple: false,
      }),
    ]),
  ],
  parameterSchema: paramsSchema({
    method: z.enum(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']).optional(),
    url: z.string().min(1, 'URL is required').optional(),
    sendQuery: z.boolean().optional(),
    sendHeaders: z.boolean().optional(),
    sendBody: z.boolean().optional(),
  }),
};
