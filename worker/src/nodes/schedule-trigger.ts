import type { NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { scheduleTriggerDescription } from '@tandem/shared/nodes';
import { DateTime } from 'luxon';

/**
 * Schedule Trigger v1.2: emits one item describing the fire time in the workflow's timezone (n8n's fields).
 * Fire times themselves are computed by the schedulers (worker/src/scheduler/schedule-rules.ts).
 */
export function executeScheduleTrigger(ctx: NodeRunContext): NodeOutput {
  const dt = DateTime.fromMillis(ctx.helpers.now()).setZone(ctx.workflow.timezone || 'UTC');
  const zone = dt.isValid ? dt : DateTime.fromMillis(ctx.helpers.now()).setZone('UTC');
  return [
    [
      {
        json: {
          timestamp: zone.toISO(),
          'Readable date': zone.toFormat('MMMM d yyyy, h:mm:ss a'),
          'Readable time': zone.toFormat('h:mm:ss a'),
          'Day of week': zone.toFormat('cccc'),
          Year: zone.toFormat('yyyy'),
          Month: zone.toFormat('MMMM'),
          'Day of month': zone.toFormat('dd'),
          Hour: zone.toFormat('HH'),
          Minute: zone.toFormat('mm'),
          Second: zone.toFormat('ss'),
          Timezone: `${zone.zoneName} (UTC${zone.toFormat('ZZ')})`,
        },
      },
    ],
  ];
}

export const scheduleTriggerNode: NodeType = {
  description: scheduleTriggerDescription,
  execute: executeScheduleTrigger,
};
