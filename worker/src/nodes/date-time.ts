import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { dateTimeDescription } from '@tandem/shared/nodes';
import { DateTime, type DateTimeUnit, type DurationUnit } from 'luxon';

/** n8n's default output field per operation (as in the description; used when a stored node omits it). */
const OUTPUT_FIELD: Record<string, string> = {
  getCurrentDate: 'currentDate',
  addToDate: 'newDate',
  subtractFromDate: 'newDate',
  formatDate: 'formattedDate',
  roundDate: 'roundedDate',
  getTimeBetweenDates: 'timeDifference',
  extractDate: 'datePart',
};

const ADD_UNITS = new Set([
  'years',
  'quarters',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
]);
const ROUND_UNITS = new Set(['year', 'month', 'week', 'day', 'hour', 'minute', 'second']);
const BETWEEN_UNITS = new Set(['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond']);

/**
 * Parses what users put in date fields: Luxon/JS dates, epoch ms/s numbers, ISO, RFC 2822, HTTP, SQL, or a
 * custom `fromFormat`. Throws a clear error otherwise.
 */
export function parseDate(value: unknown, zone: string, fromFormat?: string, itemIndex?: number): DateTime {
  let dt: DateTime | undefined;
  if (DateTime.isDateTime(value)) dt = value;
  else if (value instanceof Date) dt = DateTime.fromJSDate(value);
  else if (typeof value === 'number') dt = DateTime.fromMillis(value < 1e11 ? value * 1000 : value);
  else if (typeof value === 'string' && value.trim() !== '') {
    const s = value.trim();
    if (fromFormat) dt = DateTime.fromFormat(s, fromFormat, { zone });
    else if (/^\d{10}$|^\d{13}$/.test(s)) dt = DateTime.fromMillis(Number(s.length === 10 ? `${s}000` : s));
    else {
      for (const parse of [DateTime.fromISO, DateTime.fromRFC2822, DateTime.fromHTTP, DateTime.fromSQL]) {
        const candidate = parse(s, { zone, setZone: true });
        if (candidate.isValid) {
          dt = candidate;
          break;
        }
      }
      if (!dt) {
        const js = new Date(s);
        if (!Number.isNaN(js.getTime())) dt = DateTime.fromJSDate(js);
      }
    }
  }
  if (!dt?.isValid) {
    throw new NonRetriableError(`Could not parse the date "${String(value)}"`, { itemIndex });
  }
  return dt.setZone(zone);
}

function zoneFor(ctx: NodeRunContext, i: number): string {
  const tz = String(ctx.getNodeParameter('options.timezone', i, '') || '');
  const zone = tz || ctx.workflow.timezone || 'UTC';
  if (!DateTime.now().setZone(zone).isValid)
    throw new NonRetriableError(`Unknown timezone "${zone}"`, { itemIndex: i });
  return zone;
}

function compute(ctx: NodeRunContext, operation: string, i: number): unknown {
  const zone = zoneFor(ctx, i);
  const fromFormat = String(ctx.getNodeParameter('options.fromFormat', i, '') || '') || undefined;
  const date = (name: string) => parseDate(ctx.getNodeParameter(name, i, ''), zone, fromFormat, i);
  switch (operation) {
    case 'getCurrentDate': {
      const now = DateTime.fromMillis(ctx.helpers.now()).setZone(zone);
      return (ctx.getNodeParameter('includeTime', i, true) === false ? now.startOf('day') : now).toISO();
    }
    case 'addToDate':
    case 'subtractFromDate': {
      const unit = String(ctx.getNodeParameter('timeUnit', i, 'days'));
      if (!ADD_UNITS.has(unit)) throw new NonRetriableError(`Unknown time unit "${unit}"`, { itemIndex: i });
      const amount = Number(ctx.getNodeParameter('duration', i, 0));
      if (!Number.isFinite(amount))
        throw new NonRetriableError('Duration must be a number', { itemIndex: i });
      const base = date('magnitude');
      return (
        operation === 'addToDate' ? base.plus({ [unit]: amount }) : base.minus({ [unit]: amount })
      ).toISO();
    }
    case 'formatDate': {
      const format = String(ctx.getNodeParameter('format', i, 'MM/dd/yyyy'));
      const pattern = format === 'custom' ? String(ctx.getNodeParameter('customFormat', i, '')) : format;
      if (!pattern) throw new NonRetriableError('The custom format is empty', { itemIndex: i });
      return date('date').toFormat(pattern);
    }
    case 'roundDate': {
      const unit = String(ctx.getNodeParameter('toNearest', i, 'month'));
      if (!ROUND_UNITS.has(unit))
        throw new NonRetriableError(`Unknown rounding unit "${unit}"`, { itemIndex: i });
      const d = date('date');
      const down = d.startOf(unit as DateTimeUnit);
      if (ctx.getNodeParameter('mode', i, 'roundDown') === 'roundUp') {
        return (+down === +d ? d : down.plus({ [unit]: 1 })).toISO();
      }
      return down.toISO();
    }
    case 'getTimeBetweenDates': {
      const raw = ctx.getNodeParameter('units', i, ['day']);
      const units = (Array.isArray(raw) ? raw : [raw]).map(String);
      for (const u of units)
        if (!BETWEEN_UNITS.has(u)) throw new NonRetriableError(`Unknown unit "${u}"`, { itemIndex: i });
      const diff = date('endDate').diff(date('startDate'), units.map((u) => `${u}s`) as DurationUnit[]);
      if (ctx.getNodeParameter('options.isoString', i, false) === true) return diff.toISO();
      return diff.toObject();
    }
    case 'extractDate': {
      const part = String(ctx.getNodeParameter('part', i, 'month'));
      const d = date('date');
      const parts: Record<string, number> = {
        year: d.year,
        month: d.month,
        week: d.weekNumber,
        day: d.day,
        hour: d.hour,
        minute: d.minute,
        second: d.second,
      };
      if (!(part in parts)) throw new NonRetriableError(`Unknown date part "${part}"`, { itemIndex: i });
      return parts[part];
    }
    default:
      throw new NonRetriableError(`Unknown operation "${operation}"`);
  }
}

/**
 * Date & Time v2: current date, add/subtract, format, round, time between dates, extract a part — in the
 * workflow timezone unless `options.timezone` is set. Output holds only the new field unless
 * `options.includeInputFields`.
 */
export function executeDateTime(ctx: NodeRunContext): NodeOutput {
  const items = ctx.inputs[0] ?? [];
  const operation = String(ctx.getNodeParameter('operation', 0, 'getCurrentDate'));
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      const field =
        ctx.rawParameters.outputFieldName !== undefined
          ? String(ctx.getNodeParameter('outputFieldName', i, ''))
          : (OUTPUT_FIELD[operation] ?? 'data');
      const value = compute(ctx, operation, i);
      const keep = ctx.getNodeParameter('options.includeInputFields', i, false) === true;
      const json: JsonObject = keep ? { ...items[i].json } : {};
      json[field || (OUTPUT_FIELD[operation] ?? 'data')] = value;
      out.push({ json, pairedItem: { item: i } });
    } catch (err) {
      if (!ctx.continueOnFail) throw err;
      out.push({ json: { error: (err as Error).message }, pairedItem: { item: i } });
    }
  }
  return [out];
}

export const dateTimeNode: NodeType = { description: dateTimeDescription, execute: executeDateTime };
