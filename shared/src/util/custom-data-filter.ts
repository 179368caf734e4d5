/** n8n's limits for custom execution data (enforced by the Execution Data node). */
export const CUSTOM_DATA_LIMITS = { keys: 10, keyLength: 50, valueLength: 255 } as const;

/**
 * The executions list's `data` filter: `name:value` (exact match on both; split at the first `:`) or `name`
 * alone (has that name). Null when malformed (empty name, name or value too long). Free of zod, so the client's
 * Executions page checks what is typed with the api's own rule.
 *
 * @example parseCustomDataFilter('orderId:42') // { name: 'orderId', value: '42' }
 */
export function parseCustomDataFilter(s: string): { name: string; value?: string } | null {
  const at = s.indexOf(':');
  const name = at < 0 ? s : s.slice(0, at);
  const value = at < 0 ? undefined : s.slice(at + 1);
  if (!name || name.length > CUSTOM_DATA_LIMITS.keyLength) return null;
  if (value !== undefined && value.length > CUSTOM_DATA_LIMITS.valueLength) return null;
  return value === undefined ? { name } : { name, value };
}
