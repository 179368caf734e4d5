import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, ex, num, opts, param, paramsSchema, show } from './helpers.ts';
import { HTTP_METHODS } from './webhook.ts';

/** Wait: pauses the execution for a duration, until a time, or until its resume webhook is called. */
export const waitDescription: NodeDescription = {
  type: 'wait',
  displayName: 'Wait',
  description: 'Pauses the workflow, then continues',
  group: 'flow',
  versions: [1, 1.1],
  icon: 'pause',
  inputs: 1,
  outputs: 1,
  properties: [
    opts(
      'resume',
      [
        ['timeInterval', 'After Time Interval'],
        ['specificTime', 'At Specified Time'],
        ['webhook', 'On Webhook Call'],
      ],
      'timeInterval',
    ),
    num('amount', 1, show({ resume: ['timeInterval'] })),
    opts('unit', ['seconds', 'minutes', 'hours', 'days'], 'hours', show({ resume: ['timeInterval'] })),
    param('dateTime', 'dateTime', '', { required: true, ...show({ resume: ['specificTime'] }) }),
    opts('httpMethod', [...HTTP_METHODS], 'GET', show({ resume: ['webhook'] })),
    opts(
      'responseMode',
      ['onReceived', 'lastNode', 'responseNode'],
      'onReceived',
      show({ resume: ['webhook'] }),
    ),
    bool('limitWaitTime', false, show({ resume: ['webhook'] })),
    opts(
      'limitType',
      ['afterTimeInterval', 'atSpecifiedTime'],
      'afterTimeInterval',
      show({ limitWaitTime: [true] }),
    ),
    num('resumeAmount', 1, show({ limitType: ['afterTimeInterval'] })),
    opts(
      'resumeUnit',
      ['seconds', 'minutes', 'hours', 'days'],
      'hours',
      show({ limitType: ['afterTimeInterval'] }),
    ),
    param('maxDateAndTime', 'dateTime', '', show({ limitType: ['atSpecifiedTime'] })),
  ],
  parameterSchema: paramsSchema({
    resume: z.enum(['timeInterval', 'specificTime', 'webhook', 'form']).optional(),
    amount: ex(z.number().min(0)).optional(),
  }),
};
