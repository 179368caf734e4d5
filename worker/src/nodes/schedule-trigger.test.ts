import { describe, expect, it } from 'vitest';
import { makeNodeContext } from '../test-support/node-context.ts';
import { executeScheduleTrigger } from './schedule-trigger.ts';

// Fire times: worker/src/scheduler/schedule-rules.test.ts.
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
