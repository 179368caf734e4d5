import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, opts, param, paramsSchema, show, str } from './helpers.ts';

const UNITS = ['years', 'quarters', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'];

/** Date & Time v2: current date, add/subtract, format, round, difference, extract part (Luxon, workflow timezone). */
export const dateTimeDescription: NodeDescription = {
  type: 'dateTime',
  displayName: 'Date & Time',
  description: 'Manipulates date and time values',
  group: 'transform',
  pure: true,
  versions: [2],
  icon: 'calendar',
  inputs: 1,
  outputs: 1,
  properties: [
    opts(
      'operation',
      [
        'addToDate',
        'extractDate',
        'formatDate',
        'getCurrentDate',
        'getTimeBetweenDates',
        'roundDate',
        'subtractFromDate',
      ],
      'getCurrentDate',
    ),
    bool('includeTime', true, show({ operation: ['getCurrentDate'] })),
    str('outputFieldName', 'currentDate', show({ operation: ['getCurrentDate'] })),
    str('outputFieldName', 'newDate', show({ operation: ['addToDate', 'subtractFromDate'] })),
    str('outputFieldName', 'formattedDate', show({ operation: ['formatDate'] })),
    str('outputFieldName', 'roundedDate', show({ operation: ['roundDate'] })),
    str('outputFieldName', 'timeDifference', show({ operation: ['getTimeBetweenDates'] })),
    str('outputFieldName', 'datePart', show({ operation: ['extractDate'] })),
    str('magnitude', '', { required: true, ...show({ operation: ['addToDate', 'subtractFromDate'] }) }),
    opts('timeUnit', UNITS, 'days', show({ operation: ['addToDate', 'subtractFromDate'] })),
    param('duration', 'number', 0, show({ operation: ['addToDate', 'subtractFromDate'] })),
    str('date', '', show({ operation: ['formatDate', 'roundDate', 'extractDate'] })),
    opts(
      'format',
      ['custom', 'MM/dd/yyyy', 'yyyy/MM/dd', 'MMMM dd yyyy', 'MM-dd-yyyy', 'yyyy-MM-dd', 'X', 'x'],
      'MM/dd/yyyy',
      show({ operation: ['formatDate'] }),
    ),
    str('customFormat', '', show({ format: ['custom'] })),
    opts('mode', ['roundDown', 'roundUp'], 'roundDown', show({ operation: ['roundDate'] })),
    opts(
      'toNearest',
      ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'],
      'month',
      show({ operation: ['roundDate'] }),
    ),
    str('startDate', '', show({ operation: ['getTimeBetweenDates'] })),
    str('endDate', '', show({ operation: ['getTimeBetweenDates'] })),
    param('units', 'multiOptions', ['day'], {
      options: ['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond'].map((v) => ({
        name: v,
        value: v,
      })),
      ...show({ operation: ['getTimeBetweenDates'] }),
    }),
    opts(
      'part',
      ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'],
      'month',
      show({ operation: ['extractDate'] }),
    ),
    collection('options', [
      bool('includeInputFields', false),
      str('timezone', ''),
      str('fromFormat', ''),
      bool('useWorkflowTimezone', true),
      bool('isoString', false),
    ]),
  ],
  parameterSchema: paramsSchema({
    operation: z
      .enum([
        'addToDate',
        'extractDate',
        'formatDate',
        'getCurrentDate',
        'getTimeBetweenDates',
        'roundDate',
        'subtractFromDate',
      ])
      .optional(),
  }),
};
