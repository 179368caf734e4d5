/** Operators of n8n's filter parameter (If, Filter nodes), by value type. */
export const FILTER_OPERATORS: { type: string; operation: string; label: string; singleValue?: boolean }[] = [
  { type: 'string', operation: 'equals', label: 'is equal to' },
  { type: 'string', operation: 'notEquals', label: 'is not equal to' },
  { type: 'string', operation: 'contains', label: 'contains' },
  { type: 'string', operation: 'notContains', label: 'does not contain' },
  { type: 'string', operation: 'startsWith', label: 'starts with' },
  { type: 'string', operation: 'endsWith', label: 'ends with' },
  { type: 'string', operation: 'regex', label: 'matches regex' },
  { type: 'string', operation: 'empty', label: 'is empty', singleValue: true },
  { type: 'string', operation: 'notEmpty', label: 'is not empty', singleValue: true },
  { type: 'string', operation: 'exists', label: 'exists', singleValue: true },
  { type: 'number', operation: 'equals', label: '=' },
  { type: 'number', operation: 'notEquals', label: '≠' },
  { type: 'number', operation: 'gt', label: '>' },
  { type: 'number', operation: 'gte', label: '≥' },
  { type: 'number', operation: 'lt', label: '<' },
  { type: 'number', operation: 'lte', label: '≤' },
  { type: 'boolean', operation: 'true', label: 'is true', singleValue: true },
  { type: 'boolean', operation: 'false', label: 'is false', singleValue: true },
  { type: 'boolean', operation: 'equals', label: 'is equal to' },
];

/** Key used in the operator <select>: `type:operation`. */
export function operatorKey(op: { type?: unknown; operation?: unknown } | undefined): string {
  return `${String(op?.type ?? 'string')}:${String(op?.operation ?? 'equals')}`;
}

/** The operator object n8n stores for a `type:operation` key. */
export function operatorFromKey(key: string): { type: string; operation: string; singleValue?: boolean } {
  const found = FILTER_OPERATORS.find((o) => `${o.type}:${o.operation}` === key) ?? FILTER_OPERATORS[0];
  return found.singleValue
    ? { type: found.type, operation: found.operation, singleValue: true }
    : { type: found.type, operation: found.operation };
}
