import type { Item, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { waitDescription } from '@tandem/shared/nodes';

/** Waits shorter than this sleep in-process (n8n: 65 s); longer ones park the execution. */
export const IN_PROCESS_WAIT_MS = 65_000;

const UNIT_MS: Record<string, number> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

function durationMs(amount: unknown, unit: unknown): number {
  const n = Number(amount);
  const per = UNIT_MS[String(unit)];
  if (!Number.isFinite(n) || n < 0)
    throw new NonRetriableError(`Wait amount must be a number ≥ 0 (got ${String(amount)})`);
  if (!per) throw new NonRetriableError(`Unknown wait unit "${String(unit)}"`);
  return n * per;
}

function parseTime(value: unknown, what: string): number {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
  if (!Number.isFinite(ms))
    throw new NonRetriableError(`${what} is not a valid date and time: ${String(value)}`);
  return ms;
}

/** Resume limit for webhook/form waits: null = wait for the call indefinitely. */
function webhookLimit(ctx: NodeRunContext, now: number): Date | null {
  if (!ctx.getNodeParameter('limitWaitTime', 0, false)) return null;
  if (ctx.getNodeParameter('limitType', 0, 'afterTimeInterval') === 'atSpecifiedTime') {
    return new Date(parseTime(ctx.getNodeParameter('maxDateAndTime', 0, ''), 'Max date and time'));
  }
  return new Date(
    now +
      durationMs(ctx.getNodeParameter('resumeAmount', 0, 1), ctx.getNodeParameter('resumeUnit', 0, 'hours')),
  );
}

/**
 * Wait v1.1: `resume` timeInterval / specificTime sleep in-process when short, else park the execution until
 * then; `webhook` (and `form`) park it until the resume URL is called (or the optional limit passes).
 * The items pass through; on a webhook resume the host supplies the resume request as this node's output.
 */
export async function executeWait(ctx: NodeRunContext): Promise<NodeOutput> {
  const items: Item[] = ctx.inputs[0] ?? [];
  const resume = String(ctx.getNodeParameter('resume', 0, 'timeInterval'));
  const now = ctx.helpers.now();
  let until: number;
  if (resume === 'timeInterval') {
    until = now + durationMs(ctx.getNodeParameter('amount', 0, 1), ctx.getNodeParameter('unit', 0, 'hours'));
  } else if (resume === 'specificTime') {
    until = parseTime(ctx.getNodeParameter('dateTime', 0, ''), 'Date and time');
  } else if (resume === 'webhook' || resume === 'form') {
    ctx.helpers.putExecutionToWait(webhookLimit(ctx, now));
    return [items];
  } else {
    throw new NonRetriableError(`Unknown resume mode "${resume}"`);
  }
  const delay = until - now;
  if (delay <= 0) return [items];
  if (delay < IN_PROCESS_WAIT_MS) {
    await ctx.helpers.sleep(delay);
    return [items];
  }
  ctx.helpers.putExecutionToWait(new Date(until));
  return [items];
}

export const waitNode: NodeType = { description: waitDescription, execute: executeWait };
