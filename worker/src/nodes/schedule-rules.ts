import { CronExpressionParser } from 'cron-parser';

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

export class ScheduleRuleError extends Error {
  override name = 'ScheduleRuleError';
}

function int(value: unknown, fallback: number, min: number, max: number, what: string): number {
  const n = value === undefined || value === null || value === '' ? fallback : Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ScheduleRuleError(
      `${what} must be a whole number from ${min} to ${max} (got ${String(value)})`,
    );
  }
  return n;
}

/**
 * The 6-field cron expression (with seconds) for one interval rule. A week interval > 1 can't be said in cron;
 * `nextFireTimes` filters those by week number.
 *
 * @example intervalToCron({ field: 'hours', hoursInterval: 2, triggerAtMinute: 15 }) // '0 15 *\/2 * * *'
 */
export function intervalToCron(rule: ScheduleInterval): string {
  const minute = () => int(rule.triggerAtMinute, 0, 0, 59, 'Trigger at minute');
  const hour = () => int(rule.triggerAtHour, 0, 0, 23, 'Trigger at hour');
  switch (rule.field ?? 'days') {
    case 'seconds':
      return `*/${int(rule.secondsInterval, 30, 1, 59, 'Seconds between triggers')} * * * * *`;
    case 'minutes':
      return `0 */${int(rule.minutesInterval, 5, 1, 59, 'Minutes between triggers')} * * * *`;
    case 'hours':
      return `0 ${minute()} */${int(rule.hoursInterval, 1, 1, 23, 'Hours between triggers')} * * *`;
    case 'days': {
      const days = int(rule.daysInterval, 1, 1, 31, 'Days between triggers');
      return `0 ${minute()} ${hour()} ${days === 1 ? '*' : `*/${days}`} * *`;
    }
    case 'weeks': {
      const days = (rule.triggerAtDay?.length ? rule.triggerAtDay : [0]).map((d) =>
        int(d, 0, 0, 6, 'Trigger on weekday'),
      );
      return `0 ${minute()} ${hour()} * * ${[...new Set(days)].sort().join(',')}`;
    }
    case 'months': {
      const months = int(rule.monthsInterval, 1, 1, 12, 'Months between triggers');
      const day = int(rule.triggerAtDayOfMonth, 1, 1, 31, 'Trigger at day of month');
      return `0 ${minute()} ${hour()} ${day} ${months === 1 ? '*' : `*/${months}`} *`;
    }
    case 'cronExpression': {
      const expr = String(rule.expression ?? '').trim();
      if (!expr) throw new ScheduleRuleError('The cron expression is empty');
      const fields = expr.split(/\s+/);
      if (fields.length !== 5 && fields.length !== 6) {
        throw new ScheduleRuleError(`A cron expression has 5 or 6 fields (got ${fields.length}): "${expr}"`);
      }
      return fields.length === 5 ? `0 ${expr}` : expr;
    }
    default:
      throw new ScheduleRuleError(`Unknown schedule interval "${String(rule.field)}"`);
  }
}

function isoWeek(date: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(date)
    .split('-')
    .map(Number);
  const d = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7) + d.getUTCFullYear() * 53;
}

/**
 * The next `count` fire times of one rule after `from`, in `timezone` (IANA). Throws ScheduleRuleError for an
 * invalid rule, cron expression or timezone. Pure: the scheduler calls it to arm its timers.
 *
 * @example nextFireTimes({ field: 'cronExpression', expression: '0 9 * * 1-5' }, new Date(), 'Europe/Berlin', 3)
 */
export function nextFireTimes(rule: ScheduleInterval, from: Date, timezone: string, count = 1): Date[] {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new ScheduleRuleError(`Unknown timezone "${timezone}"`);
  }
  const cron = intervalToCron(rule);
  let expression: ReturnType<typeof CronExpressionParser.parse>;
  try {
    expression = CronExpressionParser.parse(cron, { currentDate: from, tz: timezone });
  } catch (err) {
    throw new ScheduleRuleError(`Invalid cron expression "${cron}": ${(err as Error).message}`);
  }
  const weeks = rule.field === 'weeks' ? int(rule.weeksInterval, 1, 1, 52, 'Weeks between triggers') : 1;
  const firstWeek = isoWeek(from, timezone);
  const out: Date[] = [];
  for (let guard = 0; out.length < count && guard < count * 400; guard++) {
    const next = expression.next().toDate();
    if (weeks > 1 && (isoWeek(next, timezone) - firstWeek) % weeks !== 0) continue;
    out.push(next);
  }
  return out;
}

/** The earliest next fire time over all rules (the Schedule Trigger's `rule.interval` list). */
export function nextFireTime(rules: ScheduleInterval[], from: Date, timezone: string): Date | undefined {
  let best: Date | undefined;
  for (const rule of rules) {
    const [next] = nextFireTimes(rule, from, timezone, 1);
    if (next && (!best || next < best)) best = next;
  }
  return best;
}
