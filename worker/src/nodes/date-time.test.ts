import { describe, expect, it } from 'vitest';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { executeDateTime, parseDate } from './date-time.ts';

const NOW = Date.parse('2026-01-05T10:07:13.500Z');
const run = (parameters: Record<string, unknown>, json: Record<string, unknown> = {}, timezone = 'UTC') =>
  jsonOf(
    executeDateTime(
      makeNodeContext({
        parameters: parameters as never,
        items: [{ json: json as never }],
        timezone,
        now: () => NOW,
      }).ctx,
    ),
  )[0];

describe('Date & Time node', () => {
  const cases: [string, Record<string, unknown>, unknown, string?][] = [
    [
      'current date in workflow zone',
      { operation: 'getCurrentDate' },
      { currentDate: '2026-01-05T05:07:13.500-05:00' },
      'America/New_York',
    ],
    [
      'current date without time',
      { operation: 'getCurrentDate', includeTime: false, outputFieldName: 'today' },
      { today: '2026-01-05T00:00:00.000Z' },
    ],
    [
      'add days',
      { operation: 'addToDate', magnitude: '2024-02-28', timeUnit: 'days', duration: 1 },
      { newDate: '2024-02-29T00:00:00.000Z' },
    ],
    [
      'subtract months',
      { operation: 'subtractFromDate', magnitude: '2024-03-31T12:00:00Z', timeUnit: 'months', duration: 1 },
      { newDate: '2024-02-29T12:00:00.000Z' },
    ],
    [
      'add with expression',
      { operation: 'addToDate', magnitude: '={{ $json.d }}', timeUnit: 'hours', duration: '={{ $json.h }}' },
      { newDate: '2024-01-01T05:00:00.000Z' },
    ],
    [
      'format preset',
      { operation: 'formatDate', date: '2024-07-04T10:00:00Z', format: 'yyyy/MM/dd' },
      { formattedDate: '2024/07/04' },
    ],
    [
      'format custom in zone',
      {
        operation: 'formatDate',
        date: '2024-07-04T23:30:00Z',
        format: 'custom',
        customFormat: 'dd LLL yyyy HH:mm',
        options: { timezone: 'Asia/Tokyo' },
      },
      { formattedDate: '05 Jul 2024 08:30' },
    ],
    [
      'format epoch seconds',
      { operation: 'formatDate', date: 1700000000, format: 'yyyy-MM-dd' },
      { formattedDate: '2023-11-14' },
    ],
    [
      'from custom format',
      {
        operation: 'formatDate',
        date: '04.07.2024',
        format: 'yyyy-MM-dd',
        options: { fromFormat: 'dd.MM.yyyy' },
      },
      { formattedDate: '2024-07-04' },
    ],
    [
      'round down to month',
      { operation: 'roundDate', date: '2024-07-17T10:00:00Z', toNearest: 'month' },
      { roundedDate: '2024-07-01T00:00:00.000Z' },
    ],
    [
      'round up to hour',
      { operation: 'roundDate', date: '2024-07-17T10:20:00Z', mode: 'roundUp', toNearest: 'hour' },
      { roundedDate: '2024-07-17T11:00:00.000Z' },
    ],
    [
      'time between in units',
      {
        operation: 'getTimeBetweenDates',
        startDate: '2024-01-01',
        endDate: '2024-03-02T12:00:00Z',
        units: ['month', 'day', 'hour'],
      },
      { timeDifference: { months: 2, days: 1, hours: 12 } },
    ],
    [
      'time between as ISO',
      {
        operation: 'getTimeBetweenDates',
        startDate: '2024-01-01',
        endDate: '2024-01-03',
        units: ['day'],
        options: { isoString: true },
      },
      { timeDifference: 'P2D' },
    ],
    [
      'extract part',
      { operation: 'extractDate', date: '2024-07-17T10:00:00Z', part: 'month' },
      { datePart: 7 },
    ],
    [
      'keeps input fields when asked',
      { operation: 'extractDate', date: '2024-07-17', part: 'year', options: { includeInputFields: true } },
      { d: '2024-01-01T00:00:00Z', h: 5, datePart: 2024 },
    ],
  ];
  it.each(cases)('%s', (_name, parameters, expected, tz) => {
    expect(run(parameters, { d: '2024-01-01T00:00:00Z', h: 5 }, tz)).toEqual(expected);
  });

  it('parses common date forms and rejects garbage', () => {
    expect(parseDate('Tue, 01 Nov 2016 13:23:12 +0630', 'UTC').toISO()).toBe('2016-11-01T06:53:12.000Z');
    expect(parseDate('2017-05-15 09:24:15', 'UTC').toISO()).toBe('2017-05-15T09:24:15.000Z');
    expect(parseDate(new Date(0), 'UTC').toMillis()).toBe(0);
    expect(() => parseDate('not a date', 'UTC')).toThrow(/Could not parse the date "not a date"/);
    expect(() =>
      run({ operation: 'formatDate', date: '2024-01-01', options: { timezone: 'Nowhere/City' } }),
    ).toThrow(/Unknown timezone/);
    expect(() =>
      run({ operation: 'addToDate', magnitude: '2024-01-01', timeUnit: 'fortnights', duration: 1 }),
    ).toThrow(/Unknown time unit/);
  });
});
