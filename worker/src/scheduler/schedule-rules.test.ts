import type { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { nextTick, ruleToCron, schedulesOf } from './schedule-rules.ts';

describe('ruleToCron', () => {
  it.each([
    [{ field: 'seconds', secondsInterval: 1 }, '* * * * * *'],
    [{ field: 'seconds' }, '*/30 * * * * *'],
    [{ field: 'minutes', minutesInterval: 5 }, '0 */5 * * * *'],
    [{ field: 'hours', hoursInterval: 2, triggerAtMinute: 15 }, '0 15 */2 * * *'],
    [{}, '0 0 0 * * *'],
    [{ field: 'days', daysInterval: 1, triggerAtHour: 9, triggerAtMinute: 30 }, '0 30 9 * * *'],
    [{ field: 'weeks', triggerAtDay: [1, 5], triggerAtHour: 8 }, '0 0 8 * * 1,5'],
    [{ field: 'months', monthsInterval: 3, triggerAtDayOfMonth: 15, triggerAtHour: 6 }, '0 0 6 15 */3 *'],
    [{ field: 'cronExpression', expression: '*/10 * * * *' }, '0 */10 * * * *'],
    [{ field: 'cronExpression', expression: '5 4 * * * *' }, '5 4 * * * *'],
  ])('%j → %s', (rule, cron) => {
    expect(ruleToCron(rule)).toBe(cron);
  });

  it.each([
    [{ field: 'seconds', secondsInterval: 0 }, /secondsInterval/],
    [{ field: 'hours', hoursInterval: 1, triggerAtMinute: 60 }, /triggerAtMinute/],
    [{ field: 'cronExpression', expression: 'not a cron' }, /cron/],
    [{ field: 'cronExpression', expression: '99 * * * *' }, /./],
    [{ field: 'fortnights' }, /unknown schedule field/],
    [{ field: 'weeks', weeksInterval: 2 }, /weeksInterval/],
  ])('rejects %j', (rule, message) => {
    expect(() => ruleToCron(rule)).toThrow(message);
  });
});

describe('schedulesOf', () => {
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
