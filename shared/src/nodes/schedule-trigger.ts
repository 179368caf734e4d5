import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { fixed, multi, num, opts, paramsSchema, show, str } from './helpers.ts';

/** Schedule Trigger: fires on intervals or cron expressions (with seconds), in the workflow timezone. */
export const scheduleTriggerDescription: NodeDescription = {
  type: 'scheduleTrigger',
  displayName: 'Schedule Trigger',
  description: 'Starts the workflow on a schedule',
  group: 'trigger',
  versions: [1, 1.1, 1.2],
  icon: 'clock',
  inputs: 0,
  outputs: 1,
  trigger: true,
  properties: [
    fixed('rule', [
      {
        name: 'interval',
        values: [
          opts('field', ['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'cronExpression'], 'days'),
          num('secondsInterval', 30, show({ field: ['seconds'] })),
          num('minutesInterval', 5, show({ field: ['minutes'] })),
          num('hoursInterval', 1, show({ field: ['hours'] })),
          num('daysInterval', 1, show({ field: ['days'] })),
          num('weeksInterval', 1, show({ field: ['weeks'] })),
          num('monthsInterval', 1, show({ field: ['months'] })),
          num('triggerAtDayOfMonth', 1, show({ field: ['months'] })),
          multi('triggerAtDay', ['0', '1', '2', '3', '4', '5', '6'], show({ field: ['weeks'] })),
          num('triggerAtHour', 0, show({ field: ['days', 'weeks', 'months'] })),
          num('triggerAtMinute', 0, show({ field: ['hours', 'days', 'weeks', 'months'] })),
          str('expression', '', { placeholder: '*/10 * * * * *', ...show({ field: ['cronExpression'] }) }),
        ],
      },
    ]),
  ],
  parameterSchema: paramsSchema({
    rule: z
      .looseObject({ interval: z.array(z.looseObject({ field: z.string().optional() })).optional() })
      .optional(),
  }),
};
