import { canonicalNodeType, type WorkflowJson } from '@tandem/shared/schema';
import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';

/**
 * The one place Schedule Trigger rules become fire times (both schedulers, publish validation, tests).
 *
 * A schedule pattern is a six-field cron (seconds first), or for n8n's "every N weeks" rule a weekly cron
 * followed by ` every N weeks from W`, which cron cannot say. Weeks are counted in the schedule's timezone from
 * the week of Monday 1970-01-05; W is the week the workflow was published in (like n8n, the first fire comes in
 * that week), and week w fires when w − W is a multiple of N. Stateless: W comes from the published version's
 * time, so every worker and every restart agrees on which weeks fire. Without `from W`, W is 0.
 */

/** One published Schedule Trigger as the schedulers see it. */
export interface ScheduleSpec {
  /** Stable per workflow and rule: `<workflowId>|<nodeName>|<ruleIndex>`. */
  id: string;
  workflowId: string;
  nodeName: string;
  /** Six-field cron (seconds first), optionally followed by ` every N weeks`. */
  pattern: string;
  /** IANA timezone the pattern is read in. */
  tz: string;
}

/** One entry of Schedule Trigger v1.2's `rule.interval` (n8n's shape). */
export interface ScheduleInterval {
  field?: 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'cronExpression';
  secondsInterval?: number;
  minutesInterval?: number;
  hoursInterval?: number;
  daysInterval?: number;
  weeksInterval?: number;
  monthsInterval?: number;
  triggerAtHour?: number;
  triggerAtMinute?: number;
  /** Weekdays 0 (Sunday) … 6. */
  triggerAtDay?: number[];
  triggerAtDayOfMonth?: number;
  expression?: string;
}

/** An invalid rule, cron expression or timezone. */
export class ScheduleRuleError extends RangeError {
  override name = 'ScheduleRuleError';
}

const int = (v: unknown, fallback: number, min: number, max: number, what: string): number => {
  const n = v === undefined || v === null || v === '' ? fallback : Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ScheduleRuleError(`${what} must be an integer ${min}..${max} (got ${String(v)})`);
  return n;
};
const every = (n: number) => (n === 1 ? '*' : `*/${n}`);
const WEEKS = / every (\d+) weeks(?: from (-?\d+))?$/;

/**
 * One n8n Schedule Trigger rule (`parameters.rule.interval[i]`) as a schedule pattern.
 * @example ruleToCron({ field: 'minutes', minutesInterval: 5 }) // '0 *\/5 * * * *'
 * @example ruleToCron({ field: 'weeks', weeksInterval: 2, triggerAtDay: [1] }) // '0 0 0 * * 1 every 2 weeks'
 */
export function ruleToCron(rule: Record<string, unknown> | ScheduleInterval): string {
  const r = rule as ScheduleInterval;
  const minute = () => int(r.triggerAtMinute, 0, 0, 59, 'triggerAtMinute');
  const hour = () => int(r.triggerAtHour, 0, 0, 23, 'triggerAtHour');
  switch (r.field ?? 'days') {
    case 'seconds':
      return `${every(int(r.secondsInterval, 30, 1, 59, 'secondsInterval'))} * * * * *`;
    case 'minutes':
      return `0 ${every(int(r.minutesInterval, 5, 1, 59, 'minutesInterval'))} * * * *`;
    case 'hours':
      return `0 ${minute()} ${every(int(r.hoursInterval, 1, 1, 23, 'hoursInterval'))} * * *`;
    case 'days':
      return `0 ${minute()} ${hour()} ${every(int(r.daysInterval, 1, 1, 31, 'daysInterval'))} * *`;
    case 'weeks': {
      const weeks = int(r.weeksInterval, 1, 1, 52, 'weeksInterval');
      const days = Array.isArray(r.triggerAtDay) && r.triggerAtDay.length ? r.triggerAtDay : [0];
      const dow = [...new Set(days.map((d) => int(d, 0, 0, 6, 'triggerAtDay')))].sort().join(',');
      return `0 ${minute()} ${hour()} * * ${dow}${weeks > 1 ? ` every ${weeks} weeks` : ''}`;
    }
    case 'months':
      return `0 ${minute()} ${hour()} ${int(r.triggerAtDayOfMonth, 1, 1, 31, 'triggerAtDayOfMonth')} ${every(int(r.monthsInterval, 1, 1, 12, 'monthsInterval'))} *`;
    case 'cronExpression': {
      const expr = String(r.expression ?? '').trim();
      const fields = expr ? expr.split(/\s+/) : [];
      if (fields.length !== 5 && fields.length !== 6)
        throw new ScheduleRuleError(`invalid cron expression "${expr}": it needs 5 or 6 fields`);
      const six = fields.length === 5 ? `0 ${expr}` : expr;
      try {
        CronExpressionParser.parse(six, { strict: false });
      } catch (err) {
        throw new ScheduleRuleError(`invalid cron expression "${expr}": ${(err as Error).message}`);
      }
      return six;
    }
    default:
      throw new ScheduleRuleError(`unknown schedule field "${String(r.field)}"`);
  }
}

/**
 * The schedules a published workflow defines: one per rule of each enabled Schedule Trigger node.
 * Throws a clear error for an invalid rule (publishing should refuse it). `publishedAt` (the version's time)
 * anchors "every N weeks" rules to the week of publishing.
 */
export function schedulesOf(
  workflowId: string,
  workflow: WorkflowJson,
  opts: { defaultTz?: string; publishedAt?: number } = {},
): ScheduleSpec[] {
  const tz = workflow.settings?.timezone || opts.defaultTz || 'UTC';
  const anchor = (pattern: string) =>
    opts.publishedAt !== undefined && WEEKS.test(pattern)
      ? `${pattern} from ${weekNumber(opts.publishedAt, tz)}`
      : pattern;
  checkTimezone(tz);
  const out: ScheduleSpec[] = [];
  for (const node of workflow.nodes) {
    if (node.disabled || canonicalNodeType(node.type) !== 'scheduleTrigger') continue;
    const rules = (node.parameters.rule as { interval?: ScheduleInterval[] } | undefined)?.interval ?? [{}];
    rules.forEach((rule, i) => {
      try {
        out.push({
          id: `${workflowId}|${node.name}|${i}`,
          workflowId,
          nodeName: node.name,
          pattern: anchor(ruleToCron(rule ?? {})),
          tz,
        });
      } catch (err) {
        throw new ScheduleRuleError(`Schedule "${node.name}" rule ${i + 1}: ${(err as Error).message}`);
      }
    });
  }
  return out;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date formatter of a timezone (`yyyy-mm-dd`); throws for an unknown IANA timezone. */
function dateFormat(tz: string): Intl.DateTimeFormat {
  let f = dateFormats.get(tz);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new ScheduleRuleError(`unknown timezone "${tz}"`);
  }
  dateFormats.set(tz, f);
  return f;
}

/** Throws for an unknown IANA timezone. */
export function checkTimezone(tz: string): void {
  dateFormat(tz);
}

const MONDAY_1970_01_05 = Date.UTC(1970, 0, 5);

/** The number of the week (Monday to Sunday, in `tz`) holding `ms`, counted from the week of 1970-01-05. */
export function weekNumber(ms: number, tz: string): number {
  const [y, m, d] = dateFormat(tz).format(ms).split('-').map(Number);
  return Math.floor((Date.UTC(y, m - 1, d) - MONDAY_1970_01_05) / (7 * 86_400_000));
}

const parse = (cron: string, after: number, tz: string) => {
  try {
    return CronExpressionParser.parse(cron, { currentDate: new Date(after), tz });
  } catch (err) {
    throw new ScheduleRuleError(`invalid cron pattern "${cron}": ${(err as Error).message}`);
  }
};

/** Next tick strictly after `after` (ms epoch). Throws ScheduleRuleError for a bad pattern or timezone. */
export function nextTick(spec: Pick<ScheduleSpec, 'pattern' | 'tz'>, after: number): number {
  checkTimezone(spec.tz);
  const every = WEEKS.exec(spec.pattern);
  const weeks = Number(every?.[1] ?? 1);
  const from = Number(every?.[2] ?? 0);
  const cron = weeks > 1 ? spec.pattern.replace(WEEKS, '') : spec.pattern;
  let ticks = parse(cron, after, spec.tz);
  for (let guard = 0; guard < 1000; guard++) {
    const t = ticks.next().getTime();
    if (weeks <= 1) return t;
    const skip = (weeks - ((((weekNumber(t, spec.tz) - from) % weeks) + weeks) % weeks)) % weeks;
    if (skip === 0) return t;
    // Not a firing week: continue from the local Monday 00:00 of the next one.
    const monday = DateTime.fromMillis(t, { zone: spec.tz }).startOf('week').plus({ weeks: skip });
    ticks = parse(cron, monday.toMillis() - 1, spec.tz);
  }
  throw new ScheduleRuleError(`pattern "${spec.pattern}" never fires`);
}

/** The next `count` fire times of one rule after `from`, in `tz`. */
export function nextFireTimes(rule: ScheduleInterval, from: Date, tz: string, count = 1): Date[] {
  const spec = { pattern: ruleToCron(rule), tz };
  const out: Date[] = [];
  for (let t = from.getTime(); out.length < count; ) out.push(new Date((t = nextTick(spec, t))));
  return out;
}

/** The earliest next fire time over all rules (the Schedule Trigger's `rule.interval` list). */
export function nextFireTime(rules: ScheduleInterval[], from: Date, tz: string): Date | undefined {
  let best: Date | undefined;
  for (const rule of rules) {
    const [next] = nextFireTimes(rule, from, tz, 1);
    if (next && (!best || next < best)) best = next;
  }
  return best;
}
