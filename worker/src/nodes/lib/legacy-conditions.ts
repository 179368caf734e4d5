/** If v1 / Filter v1 / Switch v1–v2 comparisons (`value1 operation value2` by data type). */

function toTime(v: unknown): number {
  if (typeof v === 'number') return v;
  return Date.parse(String(v));
}

function regexOf(pattern: string): RegExp {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(pattern);
  return m ? new RegExp(m[1], m[2]) : new RegExp(pattern);
}

/** The default of value1/value2 for a legacy data type. */
export function legacyDefault(type: string): unknown {
  return type === 'number' ? 0 : type === 'boolean' ? false : '';
}

/** One legacy comparison. */
export function compareLegacy(type: string, operation: string, value1: unknown, value2: unknown): boolean {
  if (type === 'dateTime') {
    if (operation === 'after') return toTime(value1) > toTime(value2);
    if (operation === 'before') return toTime(value1) < toTime(value2);
  }
  const s1 = value1 === undefined || value1 === null ? '' : String(value1);
  const s2 = value2 === undefined || value2 === null ? '' : String(value2);
  switch (operation) {
    case 'equal':
      return type === 'string' ? s1 === s2 : value1 === value2;
    case 'notEqual':
      return type === 'string' ? s1 !== s2 : value1 !== value2;
    case 'smaller':
      return (value1 as number) < (value2 as number);
    case 'smallerEqual':
      return (value1 as number) <= (value2 as number);
    case 'larger':
      return (value1 as number) > (value2 as number);
    case 'largerEqual':
      return (value1 as number) >= (value2 as number);
    case 'contains':
      return s1.includes(s2);
    case 'notContains':
      return !s1.includes(s2);
    case 'startsWith':
      return s1.startsWith(s2);
    case 'notStartsWith':
      return !s1.startsWith(s2);
    case 'endsWith':
      return s1.endsWith(s2);
    case 'notEndsWith':
      return !s1.endsWith(s2);
    case 'regex':
      return regexOf(s2).test(s1);
    case 'notRegex':
      return !regexOf(s2).test(s1);
    case 'isEmpty':
      return (
        value1 === undefined ||
        value1 === null ||
        value1 === '' ||
        (typeof value1 === 'number' && Number.isNaN(value1))
      );
    case 'isNotEmpty':
      return !(
        value1 === undefined ||
        value1 === null ||
        value1 === '' ||
        (typeof value1 === 'number' && Number.isNaN(value1))
      );
  }
  throw new Error(`Unknown comparison "${operation}" for ${type}`);
}

export type LegacyConditions = Partial<
  Record<
    'boolean' | 'number' | 'string' | 'dateTime',
    { value1?: unknown; operation?: string; value2?: unknown }[]
  >
>;

/** Evaluate legacy condition groups: `all` = every condition, `any` = at least one. */
export function evaluateLegacy(conditions: LegacyConditions | undefined, combine: 'all' | 'any'): boolean {
  const results: boolean[] = [];
  for (const type of ['boolean', 'dateTime', 'number', 'string'] as const) {
    for (const c of conditions?.[type] ?? []) {
      // n8n exports omit default values (0 / '' / false, operation "smaller" for numbers, else "equal")
      const op = c.operation ?? (type === 'number' ? 'smaller' : type === 'dateTime' ? 'after' : 'equal');
      results.push(compareLegacy(type, op, c.value1 ?? legacyDefault(type), c.value2 ?? legacyDefault(type)));
    }
  }
  if (results.length === 0) return combine === 'all';
  return combine === 'any' ? results.some(Boolean) : results.every(Boolean);
}
