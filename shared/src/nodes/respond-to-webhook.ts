import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { collection, fixed, json, num, opts, paramsSchema, show, str } from './helpers.ts';

/** Respond to Webhook: sends the HTTP response for a Webhook in "Using Respond to Webhook node" mode. */
export const respondToWebhookDescription: NodeDescription = {
  type: 'respondToWebhook',
  displayName: 'Respond to Webhook',
  description: 'Returns data to the caller of the webhook',
  group: 'output',
  versions: [1, 1.1],
  icon: 'reply',
  inputs: 1,
  outputs: 1,
  properties: [
    opts(
      'respondWith',
      ['allIncomingItems', 'binary', 'firstIncomingItem', 'json', 'noData', 'redirect', 'text'],
      'firstIncomingItem',
    ),
    str('redirectURL', '', { required: true, ...show({ respondWith: ['redirect'] }) }),
    json('responseBody', '{\n  "myField": "value"\n}', show({ respondWith: ['json'] })),
    str('responseBody', '', { displayName: 'Response Body', ...show({ respondWith: ['text'] }) }),
    opts('responseDataSource', ['automatically', 'set'], 'automatically', show({ respondWith: ['binary'] })),
    str('inputFieldName', 'data', show({ respondWith: ['binary'], responseDataSource: ['set'] })),
    collection('options', [
      num('responseCode', 200),
      fixed('responseHeaders', [{ name: 'entries', values: [str('name'), str('value')] }]),
      str('responseKey', ''),
    ]),
  ],
  parameterSchema: paramsSchema({
    respondWith: z
      .enum(['allIncomingItems', 'binary', 'firstIncomingItem', 'json', 'noData', 'redirect', 'text', 'jwt'])
      .optional(),
  }),
};
