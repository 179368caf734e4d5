/**
 * Whether `value` nests arrays and objects more than `max` levels deep. Iterative, so a hostile document cannot
 * overflow the stack here (JSON.stringify and structuredClone recurse, and throw a few thousand levels down).
 * @example nestedDeeperThan({ a: [{}] }, 2) // true: object → array → object is 3 levels
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
