/**
 * Memory limits of one expression evaluation. Every string and array a built-in hands back is checked against
 * a size cap, and what built-ins allocate is charged to a per-evaluation meter, so that no expression can grow
 * the worker's heap without bound (an out-of-memory abort kills every execution of the process).
 * Evaluation is synchronous, so one module-level meter, reset per evaluation, is enough.
 */

/** Longest string a single expression operation may produce (characters). */
export const MAX_STRING_LENGTH = 10_000_000;
/** Longest array a single expression operation may produce (elements). */
export const MAX_ARRAY_LENGTH = 1_000_000;
/** What built-ins may allocate during one evaluation: string characters + 8 per array element (≈ bytes). */
export const MAX_EVAL_ALLOCATION = 100_000_000;
/** Longest subject a regular expression may run on inside an expression (characters). */
export const MAX_REGEX_SUBJECT = 1_000_000;

const fmt = (n: number) => n.toLocaleString('en-US');

let allocated = 0;

/**
 * Starts metering an evaluation. Expression code cannot start another evaluation while it runs (no `$…`
 * accessor evaluates templates), so a plain reset is enough.
 */
export function resetMeter(): void {
  allocated = 0;
}

function charge(units: number): void {
  allocated += units;
  if (allocated > MAX_EVAL_ALLOCATION) {
    throw new RangeError(
      `Expression allocated more than ${fmt(MAX_EVAL_ALLOCATION)} bytes (limit per evaluation); process less data per item`,
    );
  }
}

/** Charges `n` array elements (or object properties) the interpreter or a built-in adds in place. */
export function chargeElements(n: number): void {
  charge(n * 8);
}

/** Throws when a string of `length` characters would be over the cap. */
export function checkStringLength(length: number): void {
  if (length > MAX_STRING_LENGTH) {
    throw new RangeError(
      `A string larger than ${fmt(MAX_STRING_LENGTH)} characters is not allowed in expressions (got ${fmt(length)})`,
    );
  }
}

/** Throws when an array of `length` elements would be over the cap. */
export function checkArrayLength(length: number): void {
  if (length > MAX_ARRAY_LENGTH) {
    throw new RangeError(
      `An array larger than ${fmt(MAX_ARRAY_LENGTH)} elements is not allowed in expressions (got ${fmt(length)})`,
    );
  }
}

/** Size-checks a value produced by a built-in and charges it to the evaluation's meter; returns it. */
export function meter<T>(v: T): T {
  if (typeof v === 'string') {
    checkStringLength(v.length);
    charge(v.length);
  } else if (Array.isArray(v)) {
    checkArrayLength(v.length);
    charge(v.length * 8);
  }
  return v;
}

/** Size-checks a value built by the interpreter itself (`+`, template literals), without charging it. */
export function capped<T>(v: T): T {
  if (typeof v === 'string' && v.length > MAX_STRING_LENGTH) checkStringLength(v.length);
  return v;
}

/** Throws when a regex would run on a subject longer than the cap. */
export function checkRegexSubject(s: string): void {
  if (s.length > MAX_REGEX_SUBJECT) {
    throw new RangeError(
      `A regular expression cannot run on more than ${fmt(MAX_REGEX_SUBJECT)} characters in expressions (got ${fmt(s.length)})`,
    );
  }
}
