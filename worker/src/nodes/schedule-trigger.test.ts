import { describe, expect, it } from 'vitest';
import { makeNodeContext } from '../test-support/node-context.ts';
import {
  intervalToCron,
  nextFireTime,
  nextFireTimes,
  type ScheduleInterval,
  ScheduleRuleError,
} from './schedule-rules.ts';
import { executeScheduleTrigger } from './schedule-trigger.ts';

const from = new Date('2026-01-05T10:07:13Z'); // a Monday
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('schedule rules → cron', () => {
  const cases: [ScheduleInterval, string][] = [
    [{ field: 'seconds', secondsInterval: 10 }, '*/10 * * * * *'],
    [{ field: 'minutes', minutesInterval: 15 }, '0 */15 * * * *'],
    [{ field: 'hours', hoursInterval: 2, triggerAtMinute: 30 }, '0 30 */2 * * *'],
    [{ field: 'days', triggerAtHour: 9 }, '0 0 9 * * *'],
    [{ field: 'days', daysInterval: 2, triggerAtHour: 9, triggerAtMinute: 5 }, '0 5 9 */2 * *'],
    [{ field: 'weeks', triggerAtDay: [5, 1], triggerAtHour: 8 }, '0 0 8 * * 1,5'],
    [{ field: 'months', triggerAtDayOfMonth: 15, triggerAtHour: 6 }, '0 0 6 15 * *'],
    [{ field: 'cronExpression', expression: '0 9 * * 1-5' }, '0 0 9 * * 1-5'],
    [{ field: 'cronExpression', expression: '*/5 * * * * *' }, '*/5 * * * * *'],
  ];
  it.each(cases)('%j → %s', (rule, cron) => expect(intervalToCron(rule)).toBe(cron));

  it('rejects invalid rules clearly', () => {
    expect(() => intervalToCron({ field: 'hours', triggerAtMinute: 75 })).toThrow(
      /minute must be a whole number from 0 to 59/,
    );
    expect(() => intervalToCron({ field: 'cronExpression', expression: '* *' })).toThrow(/5 or 6 fields/);
    expect(() => nextFireTimes({ field: 'cronExpression', expression: '99 * * * *' }, from, 'UTC')).toThrow(
      ScheduleRuleError,
    );
    expect(() => nextFireTimes({ field: 'seconds' }, from, 'Mars/Olympus')).toThrow(/Unknown timezone/);
    expect(() => intervalToCron({ field: 'fortnights' as never })).toThrow(/Unknown schedule interval/);
  });
});

describe('nextFireTimes', () => {
  it('handles cron with seconds', () => {
    expect(iso(nextFireTimes({ field: 'seconds', secondsInterval: 20 }, from, 'UTC', 3))).toEqual([
      '2026-01-05T10:07:20.000Z',
      '2026-01-05T10:07:40.000Z',
      '2026-01-05T10:08:00.000Z',
    ]);
  });

  it('honours the timezone', () => {
    const rule: ScheduleInterval = { field: 'days', triggerAtHour: 9 };
    expect(iso(nextFireTimes(rule, from, 'America/New_York', 2))).toEqual([
      '2026-01-05T14:00:00.000Z',
      '2026-01-06T14:00:00.000Z',
    ]);
    expect(iso(nextFireTimes(rule, from, 'Asia/Tokyo', 1))).toEqual(['2026-01-06T00:00:00.000Z']);
  });

  it('crosses daylight saving time in the zone', () => {
    const rule: ScheduleInterval = { field: 'cronExpression', expression: '0 12 * * *' };
    const times = nextFireTimes(rule, new Date('2026-03-28T00:00:00Z'), 'Europe/Berlin', 2);
    expect(iso(times)).toEqual(['2026-03-28T11:00:00.000Z', '2026-03-29T10:00:00.000Z']);
  });

  it('skips weeks for a week interval', () => {
    const times = nextFireTimes(
      { field: 'weeks', weeksInterval: 2, triggerAtDay: [1], triggerAtHour: 12 },
      from,
      'UTC',
      3,
    );
    expect(iso(times)).toEqual([
      '2026-01-05T12:00:00.000Z',
      '2026-01-19T12:00:00.000Z',
      '2026-02-02T12:00:00.000Z',
    ]);
  });

  it('takes the earliest over several rules', () => {
    const next = nextFireTime(
      [
        { field: 'hours', triggerAtMinute: 0 },
        { field: 'minutes', minutesInterval: 10 },
      ],
      from,
      'UTC',
    );
    expect(next?.toISOString()).toBe('2026-01-05T10:10:00.000Z');
  });
});

describe('Schedule Trigger node', () => {
  it("emits n8n's fields in the workflow timezone", () => {
    const { ctx } = makeNodeContext({
      timezone: 'Europe/Berlin',
      now: () => Date.parse('2026-01-05T10:07:13Z'),
    });
    const [[item]] = executeScheduleTrigger(ctx) as [[{ json: Record<string, string> }]];
    expect(item.json).toMatchObject({
      timestamp: '2026-01-05T11:07:13.000+01:00',
      'Day of week': 'Monday',
      Year: '2026',
      Month: 'January',
      'Day of month': '05',
      Hour: '11',
      Minute: '07',
      Second: '13',
      Timezone: 'Europe/Berlin (UTC+01:00)',
    });
  });
});
