import { canonicalNodeType, type WorkflowJson } from '@tandem/shared/schema';
import { CronExpressionParser } from 'cron-parser';

/** One published Schedule Trigger as the schedulers see it. */
export interface ScheduleSpec {
  /** Stable per workflow and rule: `<workflowId>|<nodeName>|<ruleIndex>`. */
  id: string;
  workflowId: string;
  nodeName: string;
  /** Six-field cron (seconds first). */
  pattern: string;
  /** IANA timezone the pattern is read in. */
  tz: string;
}

type Rule = Record<string, unknown>;

const int = (v: unknown, fallback: number, min: number, max: number, what: string): number => {
  const n = v === undefined || v === null || v === '' ? fallback : Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new RangeError(`${what} must be an integer ${min}..${max}`);
  return n;
};
const every = (n: number) => (n === 1 ? '*' : `*/${n}`);

/**
 * One n8n Schedule Trigger rule (`parameters.rule.interval[i]`) as a six-field cron pattern.
 * @example ruleToCron({ field: 'minutes', minutesInterval: 5 }) // '0 *\/5 * * * *'
 */
export function ruleToCron(rule: Rule): string {
  const minute = () => int(rule.triggerAtMinute, 0, 0, 59, 'triggerAtMinute');
  const hour = () => int(rule.triggerAtHour, 0, 0, 23, 'triggerAtHour');
  switch (rule.field ?? 'days') {
    case 'seconds':
      return `${every(int(rule.secondsInterval, 30, 1, 59, 'secondsInterval'))} * * * * *`;
    case 'minutes':
      return `0 ${every(int(rule.minutesInterval, 5, 1, 59, 'minutesInterval'))} * * * *`;
    case 'hours':
      return `0 ${minute()} ${every(int(rule.hoursInterval, 1, 1, 23, 'hoursInterval'))} * * *`;
    case 'days':
      return `0 ${minute()} ${hour()} ${every(int(rule.daysInterval, 1, 1, 31, 'daysInterval'))} * *`;
    case 'weeks': {
      int(rule.weeksInterval, 1, 1, 1, 'weeksInterval (only 1 is supported)');
      const days = Array.isArray(rule.triggerAtDay) && rule.triggerAtDay.length ? rule.triggerAtDay : [0];
      const dow = days.map((d) => int(d, 0, 0, 6, 'triggerAtDay')).join(',');
      return `0 ${minute()} ${hour()} * * ${dow}`;
    }
    case 'months':
      return `0 ${minute()} ${hour()} ${int(rule.triggerAtDayOfMonth, 1, 1, 31, 'triggerAtDayOfMonth')} ${every(int(rule.monthsInterval, 1, 1, 12, 'monthsInterval'))} *`;
    case 'cronExpression': {
      const expr = String(rule.expression ?? '').trim();
      const fields = expr.split(/\s+/);
      if (fields.length !== 5 && fields.length !== 6)
        throw new RangeError(`invalid cron expression "${expr}"`);
      const six = fields.length === 5 ? `0 ${expr}` : expr;
      CronExpressionParser.parse(six, { strict: false }); // throws on bad syntax
      return six;
    }
    default:
      throw new RangeError(`unknown schedule field "${String(rule.field)}"`);
  }
}

/**
 * The schedules a published workflow defines: one per rule of each enabled Schedule Trigger node.
 * Throws a clear error for an invalid rule (publishing should refuse it).
 */
export function schedulesOf(workflowId: string, workflow: WorkflowJson, defaultTz = 'UTC'): ScheduleSpec[] {
  const tz = workflow.settings?.timezone || defaultTz;
  checkTimezone(tz);
  const out: ScheduleSpec[] = [];
  for (const node of workflow.nodes) {
    if (node.disabled || canonicalNodeType(node.type) !== 'scheduleTrigger') continue;
    const rules = ((node.parameters.rule as Rule | undefined)?.interval as Rule[] | undefined) ?? [{}];
    rules.forEach((rule, i) => {
      try {
        out.push({
          id: `${workflowId}|${node.name}|${i}`,
          workflowId,
          nodeName: node.name,
          pattern: ruleToCron(rule ?? {}),
          tz,
        });
      } catch (err) {
        throw new RangeError(`Schedule "${node.name}" rule ${i + 1}: ${(err as Error).message}`);
      }
    });
  }
  return out;
}

/** Throws for an unknown IANA timezone. */
export function checkTimezone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new RangeError(`unknown timezone "${tz}"`);
  }
}

/** Next tick strictly after `after` (ms epoch). */
export function nextTick(spec: Pick<ScheduleSpec, 'pattern' | 'tz'>, after: number): number {
  return CronExpressionParser.parse(spec.pattern, { currentDate: new Date(after), tz: spec.tz })
    .next()
    .getTime();
}
