const SECRET_KEY =
  /pass(word|wd)?|secret|token|api[-_]?key|authorization|cookie|credential|private[-_]?key|session/i;
const MAX_STRING = 500;
const MAX_ITEMS = 5;
const MAX_DEPTH = 5;

/**
 * Copy run data for a prompt: secret-looking keys redacted, long strings cut, arrays and depth bounded. Run data is
 * untrusted (it may carry injected instructions); this keeps it small and free of obvious secrets.
 * @example redactForPrompt({ user: 'a', apiKey: 'sk-1' }) // { user: 'a', apiKey: '[redacted]' }
 */
export function redactForPrompt(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) {
    const out = value.slice(0, MAX_ITEMS).map((v) => redactForPrompt(v, depth + 1));
    if (value.length > MAX_ITEMS) out.push(`[${value.length - MAX_ITEMS} more]`);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).slice(0, 40))
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redactForPrompt(v, depth + 1);
  return out;
}
