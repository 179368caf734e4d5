import { NodeOperationError } from '@tandem/shared/engine';
import { DateTime } from 'luxon';

/** n8n's filter parameter (If v2, Filter v2, Switch v3): typed operators, strict or loose type validation. */

export interface FilterCondition {
  leftValue?: unknown;
  rightValue?: unknown;
  operator: { type: string; operation: string; singleValue?: boolean };
}

export interface FilterParameter {
  options?: { caseSensitive?: boolean; typeValidation?: 'strict' | 'loose' };
  conditions?: FilterCondition[];
  combinator?: 'and' | 'or';
}

export interface FilterSettings {
  ignoreCase?: boolean;
  looseTypeValidation?: boolean;
  itemIndex: number;
}

const absent = (v: unknown) => v === undefined || v === null;

function isEmptyValue(v: unknown): boolean {
  if (absent(v) || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && !(v instanceof Date) && !DateTime.isDateTime(v))
    return Object.keys(v).length === 0;
  if (typeof v === 'number') return Number.isNaN(v);
  return false;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return `a ${typeof v}`;
}

/** Check or convert a value to the operator type (strict: must already have it). */
function coerce(v: unknown, type: string, loose: boolean, where: string, itemIndex: number): unknown {
  if (absent(v)) return v;
  const fail = (): never => {
    throw new NodeOperationError(
      `Wrong type: '${typeof v === 'object' ? JSON.stringify(v) : String(v)}' is ${describe(v)} but was expecting a ${type} [${where}]`,
      {
        itemIndex,
        description: 'Try changing the type of comparison, or enable "Convert types where required"',
      },
    );
  };
  switch (type) {
    case 'string':
      if (typeof v === 'string') return v;
      if (!loose) return fail();
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'number': {
      if (typeof v === 'number') return v;
      if (!loose) return fail();
      const n = Number(v);
      return Number.isNaN(n) ? fail() : n;
    }
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (!loose) return fail();
      if (v === 'true' || v === 1 || v === '1') return true;
      if (v === 'false' || v === 0 || v === '0') return false;
      return fail();
    case 'dateTime': {
      if (DateTime.isDateTime(v)) return v.toMillis();
      if (v instanceof Date) return v.getTime();
      if (typeof v === 'string') {
        const d = DateTime.fromISO(v);
        if (d.isValid) return d.toMillis();
        if (loose && !Number.isNaN(Date.parse(v))) return Date.parse(v);
        return fail();
      }
      if (typeof v === 'number' && loose) return v;
      return fail();
    }
    case 'array':
      if (Array.isArray(v)) return v;
      if (loose && typeof v === 'string') {
        try {
          const p = JSON.parse(v);
          if (Array.isArray(p)) return p;
        } catch {}
      }
      return fail();
    case 'object':
      if (typeof v === 'object' && !Array.isArray(v)) return v;
      return fail();
    default:
      return v;
  }
}

function regexOf(pattern: string, ignoreCase: boolean): RegExp {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(pattern);
  return m ? new RegExp(m[1], m[2]) : new RegExp(pattern, ignoreCase ? 'i' : '');
}

function evalCondition(
  c: FilterCondition,
  index: number,
  caseSensitive: boolean,
  loose: boolean,
  itemIndex: number,
): boolean {
  const { type, operation } = c.operator ?? { type: 'string', operation: 'equals' };
  const where = `condition ${index}`;
  switch (operation) {
    case 'exists':
      return !absent(c.leftValue);
    case 'notExists':
      return absent(c.leftValue);
    case 'empty':
      return isEmptyValue(c.leftValue);
    case 'notEmpty':
      return !isEmptyValue(c.leftValue);
  }
  let l = coerce(c.leftValue, type, loose, where, itemIndex);
  const rightType =
    type === 'array' && operation.startsWith('length') ? 'number' : type === 'array' ? 'any' : type;
  let r = c.operator.singleValue ? undefined : coerce(c.rightValue, rightType, loose, where, itemIndex);
  if (!caseSensitive && type === 'string') {
    l = typeof l === 'string' ? l.toLowerCase() : l;
    r = typeof r === 'string' ? r.toLowerCase() : r;
  }
  const ls = l as string;
  const rs = r as string;
  const ln = l as number;
  const rn = r as number;
  switch (`${type}:${operation}`) {
    case 'string:equals':
    case 'number:equals':
    case 'boolean:equals':
    case 'dateTime:equals':
      return l === r;
    case 'string:notEquals':
    case 'number:notEquals':
    case 'boolean:notEquals':
    case 'dateTime:notEquals':
      return l !== r;
    case 'string:contains':
      return typeof ls === 'string' && ls.includes(rs ?? '');
    case 'string:notContains':
      return !(typeof ls === 'string' && ls.includes(rs ?? ''));
    case 'string:startsWith':
      return typeof ls === 'string' && ls.startsWith(rs ?? '');
    case 'string:notStartsWith':
      return !(typeof ls === 'string' && ls.startsWith(rs ?? ''));
    case 'string:endsWith':
      return typeof ls === 'string' && ls.endsWith(rs ?? '');
    case 'string:notEndsWith':
      return !(typeof ls === 'string' && ls.endsWith(rs ?? ''));
    case 'string:regex':
      return typeof ls === 'string' && regexOf(String(c.rightValue ?? ''), !caseSensitive).test(ls);
    case 'string:notRegex':
      return !(typeof ls === 'string' && regexOf(String(c.rightValue ?? ''), !caseSensitive).test(ls));
    case 'number:gt':
    case 'dateTime:after':
      return ln > rn;
    case 'number:lt':
    case 'dateTime:before':
      return ln < rn;
    case 'number:gte':
    case 'dateTime:afterOrEquals':
      return ln >= rn;
    case 'number:lte':
    case 'dateTime:beforeOrEquals':
      return ln <= rn;
    case 'boolean:true':
      return l === true;
    case 'boolean:false':
      return l === false;
    case 'array:contains':
      return (
        Array.isArray(l) &&
        l.some((x) => x === c.rightValue || JSON.stringify(x) === JSON.stringify(c.rightValue))
      );
    case 'array:notContains':
      return !(
        Array.isArray(l) &&
        l.some((x) => x === c.rightValue || JSON.stringify(x) === JSON.stringify(c.rightValue))
      );
    case 'array:lengthEquals':
      return Array.isArray(l) && l.length === rn;
    case 'array:lengthNotEquals':
      return Array.isArray(l) && l.length !== rn;
    case 'array:lengthGt':
      return Array.isArray(l) && l.length > rn;
    case 'array:lengthLt':
      return Array.isArray(l) && l.length < rn;
    case 'array:lengthGte':
      return Array.isArray(l) && l.length >= rn;
    case 'array:lengthLte':
      return Array.isArray(l) && l.length <= rn;
  }
  throw new NodeOperationError(`Unknown operator "${type}: ${operation}" [${where}]`, { itemIndex });
}

/**
 * Evaluate a resolved filter parameter for one item.
 * @example evaluateFilter({ conditions: [{ leftValue: 3, rightValue: 2, operator: { type: 'number', operation: 'gt' } }] }, { itemIndex: 0 })
 */
export function evaluateFilter(filter: FilterParameter | undefined, settings: FilterSettings): boolean {
  const conditions = filter?.conditions ?? [];
  const caseSensitive = settings.ignoreCase ? false : (filter?.options?.caseSensitive ?? true);
  const loose = settings.looseTypeValidation || filter?.options?.typeValidation === 'loose';
  if (conditions.length === 0) return true;
  const results = (c: FilterCondition, i: number) =>
    evalCondition(c, i, caseSensitive, !!loose, settings.itemIndex);
  return filter?.combinator === 'or' ? conditions.some(results) : conditions.every(results);
}
