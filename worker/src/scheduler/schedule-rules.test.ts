import type { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import {
  nextFireTime,
  nextFireTimes,
  nextTick,
  ruleToCron,
  type ScheduleInterval,
  ScheduleRuleError,
  schedulesOf,
  weekNumber,
} from './schedule-rules.ts';

const from = new Date('2026-01-05T10:07:13Z'); // a Monday
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('ruleToCron', () => {
  it.each([
    [{ field: 'seconds', secondsInterval: 1 }, '* * * * * *'],
    [{ field: 'seconds' }, '*/30 * * * * *'],
    [{ field: 'minutes', minutesInterval: 5 }, '0 */5 * * * *'],
    [{ field: 'hours', hoursInterval: 2, triggerAtMinute: 15 }, '0 15 */2 * * *'],
    [{}, '0 0 0 * * *'],
    [{ field: 'days', daysInterval: 1, triggerAtHour: 9, triggerAtMinute: 30 }, '0 30 9 * * *'],
    [{ field: 'weeks', triggerAtDay: [1, 5], triggerAtHour: 8 }, '0 0 8 * * 1,5'],
    [{ field: 'weeks', triggerAtDay: [5, 1, 5], triggerAtHour: 8 }, '0 0 8 * * 1,5'],
    [{ field: 'weeks', weeksInterval: 1, triggerAtDay: [3] }, '0 0 0 * * 3'],
    [{ field: 'weeks', weeksInterval: 2, triggerAtDay: [1], triggerAtHour: 9 }, '0 0 9 * * 1 every 2 weeks'],
    [{ field: 'weeks', weeksInterval: '3' }, '0 0 0 * * 0 every 3 weeks'],
    [{ field: 'days', daysInterval: 2, triggerAtHour: 9, triggerAtMinute: 5 }, '0 5 9 */2 * *'],
    [{ field: 'months', monthsInterval: 3, triggerAtDayOfMonth: 15, triggerAtHour: 6 }, '0 0 6 15 */3 *'],
    [{ field: 'cronExpression', expression: '*/10 * * * *' }, '0 */10 * * * *'],
    [{ field: 'cronExpression', expression: '5 4 * * * *' }, '5 4 * * * *'],
    [{ field: 'cronExpression', expression: '0 9 * * 1-5' }, '0 0 9 * * 1-5'],
  ])('%j → %s', (rule, cron) => {
    expect(ruleToCron(rule)).toBe(cron);
  });

  it.each([
    [{ field: 'seconds', secondsInterval: 0 }, /secondsInterval/],
    [{ field: 'hours', hoursInterval: 1, triggerAtMinute: 60 }, /triggerAtMinute/],
    [{ field: 'cronExpression', expression: 'not a cron' }, /invalid cron expression/],
    [{ field: 'cronExpression', expression: '* *' }, /5 or 6 fields/],
    [{ field: 'cronExpression', expression: '' }, /5 or 6 fields/],
    [{ field: 'cronExpression', expression: '99 * * * *' }, /invalid cron expression "99/],
    [{ field: 'fortnights' }, /unknown schedule field/],
    [{ field: 'weeks', weeksInterval: 0 }, /weeksInterval must be an integer 1..52/],
    [{ field: 'weeks', weeksInterval: 53 }, /weeksInterval/],
    [{ field: 'weeks', weeksInterval: 1.5 }, /weeksInterval/],
    [{ field: 'weeks', triggerAtDay: [7] }, /triggerAtDay/],
  ])('rejects %j', (rule, message) => {
    expect(() => ruleToCron(rule)).toThrow(message);
    expect(() => ruleToCron(rule)).toThrow(ScheduleRuleError);
  });
});

const wf = (settings: WorkflowJson['settings'] = {}): WorkflowJson => ({
  name: 's',
  settings,
  connections: {},
  nodes: [
    {
      id: '1',
      name: 'Every second',
      type: 'n8n-nodes-base.scheduleTrigger',
      typeVersion: 1.2,
      position: [0, 0],
      parameters: {
        rule: {
          interval: [
            { field: 'seconds', secondsInterval: 1 },
            { field: 'minutes', minutesInterval: 1 },
          ],
        },
      },
    },
    {
      id: '2',
      name: 'Off',
      type: 'scheduleTrigger',
      typeVersion: 1.2,
      position: [0, 0],
      disabled: true,
      parameters: {},
    },
    {
      id: '3',
      name: 'Other',
      type: 'n8n-nodes-base.set',
      typeVersion: 3,
      position: [0, 0],
      parameters: {},
    },
  ],
});

describe('schedulesOf', () => {
  it('one spec per rule of each enabled Schedule Trigger, in the workflow timezone', () => {
    expect(schedulesOf('w1', wf({ timezone: 'Europe/Berlin' }))).toEqual([
      {
        id: 'w1|Every second|0',
        workflowId: 'w1',
        nodeName: 'Every second',
        pattern: '* * * * * *',
        tz: 'Europe/Berlin',
      },
      {
        id: 'w1|Every second|1',
        workflowId: 'w1',
        nodeName: 'Every second',
        pattern: '0 * * * * *',
        tz: 'Europe/Berlin',
      },
    ]);
  });

  it('rejects unknown timezones and names the bad rule', () => {
    expect(() => schedulesOf('w1', wf({ timezone: 'Mars/Olympus' }))).toThrow(/unknown timezone/);
    const bad = wf();
    bad.nodes[0].parameters = { rule: { interval: [{ field: 'seconds', secondsInterval: 99 }] } };
    expect(() => schedulesOf('w1', bad)).toThrow(/Schedule "Every second" rule 1: secondsInterval/);
  });
});

describe('nextTick', () => {
  it('reads the pattern in its timezone, across a DST change', () => {
    const daily9 = { pattern: '0 0 9 * * *', tz: 'America/New_York' };
    // Winter (EST, UTC-5) and summer (EDT, UTC-4).
    expect(new Date(nextTick(daily9, Date.parse('2026-01-15T00:00:00Z'))).toISOString()).toBe(
      '2026-01-15T14:00:00.000Z',
    );
    expect(new Date(nextTick(daily9, Date.parse('2026-07-15T00:00:00Z'))).toISOString()).toBe(
      '2026-07-15T13:00:00.000Z',
    );
  });

  it('is strictly after the given time', () => {
    const t = Date.parse('2026-01-01T00:00:05Z');
    expect(nextTick({ pattern: '* * * * * *', tz: 'UTC' }, t)).toBe(t + 1000);
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
    expect(() => nextFireTimes({ field: 'seconds' }, from, 'Mars/Olympus')).toThrow(/unknown timezone/);
  });

  it('crosses daylight saving time in the zone', () => {
    const rule: ScheduleInterval = { field: 'cronExpression', expression: '0 12 * * *' };
    const times = nextFireTimes(rule, new Date('2026-03-28T00:00:00Z'), 'Europe/Berlin', 2);
    expect(iso(times)).toEqual(['2026-03-28T11:00:00.000Z', '2026-03-29T10:00:00.000Z']);
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

describe('every N weeks', () => {
  // 2026-01-05 is 20,454 days = 2,922 weeks after Monday 1970-01-05 (56 years, 14 of them leap years).
  it('counts weeks from the week of Monday 1970-01-05, in the timezone', () => {
    expect(weekNumber(Date.parse('1970-01-05T00:00:00Z'), 'UTC')).toBe(0);
    expect(weekNumber(Date.parse('1970-01-04T23:59:59Z'), 'UTC')).toBe(-1);
    expect(weekNumber(Date.parse('2026-01-05T00:00:00Z'), 'UTC')).toBe(2922);
    expect(weekNumber(Date.parse('2026-01-11T23:59:59Z'), 'UTC')).toBe(2922);
    // Sunday 15:30 UTC is already Monday in Tokyo.
    expect(weekNumber(Date.parse('2026-01-04T15:30:00Z'), 'UTC')).toBe(2921);
    expect(weekNumber(Date.parse('2026-01-04T15:30:00Z'), 'Asia/Tokyo')).toBe(2922);
  });

  it('fires on the given days of every Nth week only', () => {
    const rule: ScheduleInterval = {
      field: 'weeks',
      weeksInterval: 2,
      triggerAtDay: [1, 3],
      triggerAtHour: 12,
    };
    expect(iso(nextFireTimes(rule, from, 'UTC', 5))).toEqual([
      '2026-01-05T12:00:00.000Z',
      '2026-01-07T12:00:00.000Z',
      '2026-01-19T12:00:00.000Z',
      '2026-01-21T12:00:00.000Z',
      '2026-02-02T12:00:00.000Z',
    ]);
    // Week 2922 is not a multiple of 4: the first fire is two weeks later, then every four weeks.
    const four: ScheduleInterval = { field: 'weeks', weeksInterval: 4, triggerAtDay: [1], triggerAtHour: 12 };
    expect(iso(nextFireTimes(four, from, 'UTC', 2))).toEqual([
      '2026-01-19T12:00:00.000Z',
      '2026-02-16T12:00:00.000Z',
    ]);
  });

  it('counts from the week of publishing: the first fire comes in that week, like n8n', () => {
    const workflow = wf();
    workflow.nodes[0].parameters = {
      rule: { interval: [{ field: 'weeks', weeksInterval: 4, triggerAtDay: [1, 5], triggerAtHour: 12 }] },
    };
    const publishedAt = Date.parse('2026-01-06T09:00:00Z'); // Tuesday of week 2922
    const [spec] = schedulesOf('w1', workflow, { publishedAt });
    expect(spec.pattern).toBe('0 0 12 * * 1,5 every 4 weeks from 2922');
    const fires: string[] = [];
    for (let t = publishedAt; fires.length < 3; ) fires.push(new Date((t = nextTick(spec, t))).toISOString());
    // Friday of the publish week, then Monday and Friday four weeks on (without the anchor: from 2026-01-19).
    expect(fires).toEqual([
      '2026-01-09T12:00:00.000Z',
      '2026-02-02T12:00:00.000Z',
      '2026-02-06T12:00:00.000Z',
    ]);
    // Anchored to a week in the past or the future alike.
    expect(nextTick({ pattern: '0 0 12 * * 1 every 3 weeks from 2924', tz: 'UTC' }, publishedAt)).toBe(
      Date.parse('2026-01-19T12:00:00Z'),
    );
  });

  it('is stateless: any start inside the interval gives the same fires', () => {
    const rule = { pattern: '0 0 12 * * 1 every 3 weeks', tz: 'UTC' };
    const a = nextTick(rule, Date.parse('2026-01-06T00:00:00Z'));
    const b = nextTick(rule, Date.parse('2026-01-20T00:00:00Z'));
    expect(new Date(a).toISOString()).toBe('2026-01-26T12:00:00.000Z');
    expect(b).toBe(a);
  });

  it('uses the local calendar week (a Monday 00:30 in Tokyo is Sunday in UTC)', () => {
    const rule: ScheduleInterval = {
      field: 'weeks',
      weeksInterval: 2,
      triggerAtDay: [1],
      triggerAtMinute: 30,
    };
    expect(iso(nextFireTimes(rule, new Date('2026-01-01T00:00:00Z'), 'Asia/Tokyo', 2))).toEqual([
      '2026-01-04T15:30:00.000Z',
      '2026-01-18T15:30:00.000Z',
    ]);
  });

  it('keeps the local hour across daylight saving changes', () => {
    // New York: DST starts Sunday 2026-03-08 (EST UTC-5 → EDT UTC-4), ends Sunday 2026-11-01.
    const monday9: ScheduleInterval = {
      field: 'weeks',
      weeksInterval: 2,
      triggerAtDay: [1],
      triggerAtHour: 9,
    };
    expect(iso(nextFireTimes(monday9, new Date('2026-03-01T00:00:00Z'), 'America/New_York', 3))).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-16T13:00:00.000Z',
      '2026-03-30T13:00:00.000Z',
    ]);
    expect(iso(nextFireTimes(monday9, new Date('2026-10-20T00:00:00Z'), 'America/New_York', 2))).toEqual([
      '2026-10-26T13:00:00.000Z',
      '2026-11-09T14:00:00.000Z',
    ]);
  });

  it('fires once on the DST days themselves (a skipped and a repeated local time)', () => {
    const at = (hour: number, minute: number): ScheduleInterval => ({
      field: 'weeks',
      weeksInterval: 2,
      triggerAtDay: [0],
      triggerAtHour: hour,
      triggerAtMinute: minute,
    });
    // 02:30 does not exist on 2026-03-08 in New York: the fire moves to 03:30 EDT, once.
    expect(iso(nextFireTimes(at(2, 30), new Date('2026-02-25T00:00:00Z'), 'America/New_York', 2))).toEqual([
      '2026-03-08T07:30:00.000Z',
      '2026-03-22T06:30:00.000Z',
    ]);
    // 01:30 happens twice on 2026-11-01: one fire, at the first.
    expect(iso(nextFireTimes(at(1, 30), new Date('2026-10-25T12:00:00Z'), 'America/New_York', 2))).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-15T06:30:00.000Z',
    ]);
  });

  it('rejects patterns and timezones it cannot read', () => {
    expect(() => nextTick({ pattern: 'nonsense every 2 weeks', tz: 'UTC' }, 0)).toThrow(ScheduleRuleError);
    expect(() => nextTick({ pattern: '0 0 0 * * 1 every 2 weeks', tz: 'Nowhere/Land' }, 0)).toThrow(
      /unknown timezone/,
    );
  });
});
