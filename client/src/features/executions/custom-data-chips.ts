/** One `name: value` chip; `title` holds the whole pair when `label` had to shorten it. */
export type Chip = { name: string; value: string; label: string; title: string };

/** How many chips a run shows before "+N", and how long a name or value may be on a chip. */
export const CHIP_LIMITS = { shown: 3, name: 20, value: 24 } as const;

const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * A run's custom data as chips: the first `CHIP_LIMITS.shown` pairs, names and values cut with "…" (the whole pair
 * in the title); the rest counted for "+N", listed one a line in `restTitle`.
 * @example customDataChips({ orderId: '42' }) // { chips: [{ label: 'orderId: 42', … }], rest: 0, restTitle: '' }
 */
export function customDataChips(data: Record<string, string>): {
  chips: Chip[];
  rest: number;
  restTitle: string;
} {
  const pairs = Object.entries(data);
  const chips = pairs.slice(0, CHIP_LIMITS.shown).map(([name, value]) => ({
    name,
    value,
    label: `${shorten(name, CHIP_LIMITS.name)}: ${shorten(value, CHIP_LIMITS.value)}`,
    title: `${name}: ${value}`,
  }));
  const rest = pairs.slice(CHIP_LIMITS.shown);
  return { chips, rest: rest.length, restTitle: rest.map(([n, v]) => `${n}: ${v}`).join('\n') };
}
